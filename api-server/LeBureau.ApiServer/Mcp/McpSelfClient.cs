using System.Net.Http.Headers;
using LeBureau.Client;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace LeBureau.ApiServer.Mcp;

/// <summary>A <see cref="LeBureauClient"/> of this very api-server (its first listening address, on loopback) with a caller's key.</summary>
public sealed class McpSelfClient(IHttpClientFactory factory, IServer server)
{
    public const string HttpClientName = "mcp-self";

    private Uri? _self;

    public LeBureauClient For(string key)
    {
        var http = factory.CreateClient(HttpClientName);
        http.BaseAddress = _self ??= SelfAddress(server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []);
        http.Timeout = Timeout.InfiniteTimeSpan;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return new LeBureauClient(http);
    }

    /// <summary>The address to call ourselves at: the first http listening address, with a wildcard host made loopback (pure).</summary>
    public static Uri SelfAddress(IEnumerable<string> addresses)
    {
        var listening = addresses.Select(a => a.Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
                .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal).Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal))
            .OrderBy(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? 0 : 1)
            .FirstOrDefault() ?? throw new InvalidOperationException("the api-server has no listening address");
        return new Uri(listening.TrimEnd('/') + "/");
    }
}
