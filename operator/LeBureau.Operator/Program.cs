using LeBureau.Operator;

await OperatorApp.Build(args).RunAsync();
