using LeBureau.Cli;
using LeBureau.Cli.Hosting;

return await CliRunner.RunAsync(args, Console.Out, Console.Error, CliEnvironment.Process);
