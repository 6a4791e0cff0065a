using System.CommandLine;
using LeBureau.Cli.Config;
using LeBureau.Cli.Hosting;

namespace LeBureau.Cli.Login;

/// <summary><c>lebureau logout</c>: deletes the saved login.</summary>
public static class LogoutCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var command = new Command("logout", "Forget the saved login.");
        command.SetCliAction(environment, async (_, context, _) =>
        {
            var store = new ConfigStore(environment);
            var existed = File.Exists(store.FilePath);
            File.Delete(store.FilePath);
            await context.Out.WriteLineAsync(existed ? $"Logged out ({store.FilePath} deleted)." : "Not logged in.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
