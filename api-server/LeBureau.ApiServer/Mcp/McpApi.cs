using LeBureau.ApiServer.Auth;
using LeBureau.Client;
using LeBureau.Mcp;
using ModelContextProtocol.Server;

namespace LeBureau.ApiServer.Mcp;

/// <summary>
/// The MCP Streamable HTTP endpoint, <c>/mcp</c>, with the same tools as <c>lebureau mcp</c>.
/// The guard middleware authenticates every MCP request with the caller's API key (401 without a valid one). The tools
/// then call this api-server's own REST API with that same key (<see cref="McpSelfClient"/>): authorisation, tenancy,
/// 403/404/409/503 and rate limits are exactly REST's, by construction, with no second code path to keep in step.
/// Hence <c>/mcp</c> requests themselves are not counted against the rate limit: the REST calls the tools make are
/// (initialize and tools/list do no work outside this process). Stateless mode: each request builds its server from
/// its own key, so the tools listed are always those of the key presented, and no session can be reused with another key.
/// </summary>
public static class McpApi
{
    public const string Path = "/mcp";

    public static WebApplicationBuilder AddMcp(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<McpSelfClient>();
        builder.Services.AddHttpClient(McpSelfClient.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { UseProxy = false });
        // The SDK logs every request at Information and message bodies at Trace; tool arguments can carry secrets
        // (desktops_create takes a provider key), so only its warnings are kept.
        builder.Logging.AddFilter("ModelContextProtocol", LogLevel.Warning);
        builder.Services.AddMcpServer().WithHttpTransport(o =>
        {
            o.Stateless = true;
            o.ConfigureSessionOptions = ConfigureSession;
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapMcpApi(this IEndpointRouteBuilder app)
    {
        app.MapMcp(Path).WithTags("MCP").WithMetadata(new RequiresCapability(null, RateLimited: false))
            .WithSummary("Model Context Protocol (Streamable HTTP): the desktop and mission-control tools for AI agents");
        return app;
    }

    private static Task ConfigureSession(HttpContext http, McpServerOptions options, CancellationToken cancellationToken)
    {
        var caller = http.Caller();
        var key = CredentialReader.Read(http.Request, allowQuery: false)
            ?? throw new InvalidOperationException("the guard middleware authenticated a key");
        var client = http.RequestServices.GetRequiredService<McpSelfClient>().For(key);
        LeBureauMcpServer.Configure(options, client, CapabilityPolicy.Names(caller.Capabilities));
        return Task.CompletedTask;
    }
}
