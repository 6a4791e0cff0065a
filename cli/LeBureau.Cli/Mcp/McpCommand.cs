using System.CommandLine;
using LeBureau.Cli.Api;
using LeBureau.Cli.Hosting;
using LeBureau.Mcp;

namespace LeBureau.Cli.Mcp;

/// <summary><c>lebureau mcp</c>: the MCP server on stdio for Claude Desktop, Claude Code or any MCP host, as the logged-in key (or LEBUREAU_URL/LEBUREAU_KEY).</summary>
public static class McpCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var command = new Command("mcp", "Serve MCP on stdin/stdout: the desktop tools the key's capabilities allow (configured by `lebureau login` or LEBUREAU_URL and LEBUREAU_KEY).");
        command.SetCliAction(environment, async (_, _, cancellationToken) =>
        {
            using var session = await ApiSession.OpenAsync(environment, cancellationToken);
            await session.CallAsync(_ => McpStdioServer.RunAsync(session.Url, session.Key, cancellationToken));
            return ExitCodes.Ok;
        });
        return command;
    }
}
