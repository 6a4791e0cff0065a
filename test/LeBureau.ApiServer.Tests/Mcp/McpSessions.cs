using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace LeBureau.ApiServer.Tests.Mcp;

/// <summary>The official SDK's client on the api-server's <c>/mcp</c>, and readers of tool results.</summary>
public static class McpSessions
{
    public static Task<McpClient> HttpAsync(Uri server, string? key)
    {
        var options = new HttpClientTransportOptions { Endpoint = new Uri(server, "/mcp"), TransportMode = HttpTransportMode.StreamableHttp };
        if (key is not null) options.AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {key}" };
        return McpClient.CreateAsync(new HttpClientTransport(options));
    }

    /// <summary>The text of a result's first content block.</summary>
    public static string Text(this CallToolResult result) =>
        result.Content.OfType<TextContentBlock>().FirstOrDefault()?.Text ?? throw new InvalidOperationException("no text content");

    /// <summary>A successful result's JSON.</summary>
    public static JsonElement Json(this CallToolResult result)
    {
        result.IsError.Should().NotBe(true, result.Content.OfType<TextContentBlock>().FirstOrDefault()?.Text);
        return JsonSerializer.Deserialize<JsonElement>(result.Text());
    }

    public static Dictionary<string, object?> Args(params (string Name, object? Value)[] args) => args.ToDictionary(a => a.Name, a => a.Value);
}
