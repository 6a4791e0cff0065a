using LeBureau.Client;
using LeBureau.Mcp;

namespace LeBureau.Cli;

/// <summary><c>lebureau mcp</c>: the MCP server on stdio, configured by LEBUREAU_URL and LEBUREAU_KEY. Errors go to stderr (stdout is the protocol).</summary>
public static class McpCommand
{
    public static async Task<int> RunAsync(string? url, string? key, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url, UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
        {
            await Console.Error.WriteLineAsync("lebureau mcp: set LEBUREAU_URL to the API's address, such as http://127.0.0.1:8080.");
            return 2;
        }
        if (string.IsNullOrWhiteSpace(key))
        {
            await Console.Error.WriteLineAsync("lebureau mcp: set LEBUREAU_KEY to an API key (sk_live_…).");
            return 2;
        }
        try
        {
            await McpStdioServer.RunAsync(address, key, cancellationToken);
            return 0;
        }
        catch (LeBureauApiException e)
        {
            await Console.Error.WriteLineAsync($"lebureau mcp: {address} refused the key: {e.Message}");
            return 1;
        }
        catch (HttpRequestException e)
        {
            await Console.Error.WriteLineAsync($"lebureau mcp: cannot reach {address}: {e.Message}");
            return 1;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return 0;
        }
    }
}
