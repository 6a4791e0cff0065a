using LeBureau.Client;
using ModelContextProtocol.Server;

namespace LeBureau.Mcp;

/// <summary>
/// <c>lebureau mcp</c>: an MCP server on stdin/stdout for Claude Desktop, Claude Code and other MCP hosts, calling the
/// REST API at a URL with an API key. Nothing but protocol goes to stdout; diagnostics go to stderr.
/// </summary>
public static class McpStdioServer
{
    /// <summary>
    /// Checks the key with <c>/v1/me</c> (a bad URL or key fails here with a <see cref="LeBureauApiException"/> or
    /// <see cref="HttpRequestException"/>, before any protocol), then serves the tools its capabilities allow until
    /// stdin closes or <paramref name="cancellationToken"/> fires.
    /// </summary>
    /// <param name="url">The API's address (LEBUREAU_URL).</param>
    /// <param name="key">The API key (LEBUREAU_KEY).</param>
    /// <param name="cancellationToken">Stops the server.</param>
    public static async Task RunAsync(Uri url, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        using var client = new LeBureauClient(url, key);
        var me = await client.GetMeAsync(cancellationToken);
        var options = LeBureauMcpServer.CreateOptions(client, me.Capabilities.ToList());
        await using var transport = new StdioServerTransport(options);
        await using var server = McpServer.Create(transport, options);
        await server.RunAsync(cancellationToken);
    }
}
