using System.CommandLine;
using LeBureau.Cli.Hosting;
using LeBureau.Cli.Desktops;
using LeBureau.Cli.Keys;
using LeBureau.Cli.Login;
using LeBureau.Cli.Mcp;

namespace LeBureau.Cli;

/// <summary>The command line: <c>lebureau up</c>, and the client commands.</summary>
public static class CliCommands
{
    public static RootCommand Root(CliEnvironment environment)
    {
        var root = new RootCommand($"""
            Le Bureau: Linux desktops for AI agents on Kubernetes.

            Log in once with `lebureau login --url <API URL> --key <API key>` (or set LEBUREAU_URL and LEBUREAU_KEY),
            then manage desktops with `lebureau desktops …`. `lebureau keys …` issues keys through the cluster (kubeconfig).

            {ExitCodes.Help}
            """)
        {
            UpCommand.Definition(),
            LoginCommand.Create(environment),
            LogoutCommand.Create(environment),
            WhoamiCommand.Create(environment),
            DesktopsCommand.Create(environment),
            KeysCommand.Create(environment),
            McpCommand.Create(environment),
        };
        return root.ShowsHelp();
    }
}
