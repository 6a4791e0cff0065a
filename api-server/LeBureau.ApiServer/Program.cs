using LeBureau.ApiServer;

await ApiServerApp.Build(args).RunAsync();
