using LeBureau.Cli;

return await CliCommands.Root().Parse(args).InvokeAsync();
