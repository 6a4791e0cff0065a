using LeBureau.ApiServer.Activity;
using LeBureau.ApiServer.Agent;
using LeBureau.ApiServer.Auth;
using LeBureau.ApiServer.Cache;
using LeBureau.ApiServer.Desktops;
using LeBureau.ApiServer.Hosting;
using LeBureau.Resources;
using Microsoft.Extensions.Options;

namespace LeBureau.ApiServer.LiveView;

/// <summary>
/// Live view: <c>GET /v1/desktop/:id/stream?ticket=…</c>, the <c>stream_url</c> of the Cyberdesk surface. A websocket
/// (RFB, noVNC-compatible, subprotocol <c>binary</c> when asked) relayed to the desktop agent's VNC bridge. Browsers
/// cannot set headers on a websocket, so the route takes a short-lived ticket instead of the API key; the key behind
/// the ticket must still be valid. Keys without <c>desktop:control</c> get a view-only screen. Connecting, and input
/// sent through an interactive session, count as activity for the idle stop. A browser opening the
/// same URL with <c>http(s)</c> gets a noVNC page that connects to it (<see cref="LiveViewPage"/>).
/// </summary>
public static class LiveViewApi
{
    public static IEndpointRouteBuilder MapLiveViewApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/v1/desktop").WithTags("Cyberdesk").WithCyberdeskErrors()
            .MapGet("/{id}/stream", Connect)
            .RequireCapability(Capability.DesktopRead)
            .WithMetadata(TicketAuthentication.Instance)
            .WithSummary("Live view of a desktop (websocket)")
            .WithDescription("Open the stream_url of GET /v1/desktop/:id with a websocket client (noVNC, subprotocol 'binary'). "
                + "The ticket in it expires; keys without desktop:control see the screen but cannot send input.");
        return app;
    }

    /// <summary>Whether a desktop has (or is about to have) a screen to show: Cyberdesk status pending or running.</summary>
    internal static bool HasLiveView(Desktop desktop) => DesktopStatusMapping.Cyberdesk(desktop) is "pending" or "running";

    /// <summary>
    /// The <c>stream_url</c> for <paramref name="caller"/>: null unless the desktop is pending or running. While it is
    /// pending the websocket answers 409 and the browser page waits for it.
    /// </summary>
    internal static string? StreamUrl(HttpContext http, Desktop desktop, Caller caller)
    {
        if (!HasLiveView(desktop)) return null;
        var tickets = http.RequestServices.GetRequiredService<LiveViewTickets>();
        var ticket = tickets.Issue(new LiveViewTicket(caller.Namespace, desktop.Metadata.Uid, caller.KeyUid));
        if (ticket is null) return null;
        var configured = http.RequestServices.GetRequiredService<IOptions<ApiServerOptions>>().Value.PublicUrl;
        var publicBase = string.IsNullOrEmpty(configured) ? new Uri($"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}") : new Uri(configured);
        return LiveViewUrl.For(publicBase, desktop.Metadata.Uid, ticket);
    }

    private static bool WantsPage(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));

    internal static async Task<IResult> Connect(
        string id, HttpContext http, ResourceCaches caches, AgentClient agent, ActivityRecorder activity, IOptions<ApiServerOptions> options,
        IHostApplicationLifetime lifetime)
    {
        // The guard has checked the ticket, the key behind it, its rate limit and desktop:read.
        var granted = http.Features.Get<LiveViewTicket>()!;
        if (!Guid.TryParse(id, out var uid) || granted.DesktopUid != uid.ToString("D"))
        {
            return ApiErrors.Cyberdesk(StatusCodes.Status401Unauthorized, LiveViewTickets.Refused);
        }
        var caller = http.Caller();

        var desktop = caches.Desktops.FirstByIndex(ResourceCaches.ByUid, granted.DesktopUid);
        if (desktop is null || desktop.Metadata.NamespaceProperty != caller.Namespace)
        {
            return ApiErrors.Cyberdesk(StatusCodes.Status404NotFound, DesktopLookup.NotFoundDetail);
        }
        var viewOnly = !CapabilityPolicy.Allows(caller.Capabilities, Capability.DesktopControl);
        var controllable = DesktopStatusMapping.IsControllable(desktop);
        var notRunning = DesktopStatusMapping.NotActionable(desktop);
        if (!http.WebSockets.IsWebSocketRequest)
        {
            // The page also serves a desktop that is still starting: it connects as soon as the desktop runs.
            if (WantsPage(http.Request) && LiveViewExtensions.HasViewer(options.Value) && HasLiveView(desktop))
            {
                http.Response.Headers.CacheControl = "no-store";
                http.Response.Headers["Referrer-Policy"] = "no-referrer";
                http.Response.Headers.ContentSecurityPolicy = "default-src 'self'; connect-src 'self' ws: wss:; style-src 'unsafe-inline'; script-src 'self' 'unsafe-inline'; img-src 'self' data:";
                return Results.Content(LiveViewPage.Html(granted.DesktopUid, http.Request.PathBase, viewOnly), "text/html; charset=utf-8");
            }
            return controllable
                ? ApiErrors.Cyberdesk(StatusCodes.Status400BadRequest,
                    "This is a websocket endpoint: connect with a websocket (RFB) client such as noVNC, or open it in a browser with http(s).")
                : ApiErrors.Cyberdesk(StatusCodes.Status409Conflict, notRunning);
        }
        if (!controllable) return ApiErrors.Cyberdesk(StatusCodes.Status409Conflict, notRunning);

        var (upstream, error) = await agent.ConnectVncAsync(desktop, viewOnly, http.RequestAborted);
        if (upstream is null)
        {
            return ApiErrors.Cyberdesk(StatusCodes.Status502BadGateway, $"The desktop's live view is not reachable: {error}");
        }
        using (upstream)
        {
            var protocol = http.WebSockets.WebSocketRequestedProtocols.Contains("binary") ? "binary" : null;
            using var socket = await http.WebSockets.AcceptWebSocketAsync(protocol);
            await activity.RecordAsync(desktop, http.RequestAborted);
            using var session = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
            // Input keeps the desktop from its idle stop (coalesced like control calls); watching alone does not.
            Func<ReadOnlyMemory<byte>, CancellationToken, Task>? onInput = viewOnly ? null
                : (message, ct) => RfbInput.IsInput(message.Span) ? activity.RecordAsync(desktop, ct) : Task.CompletedTask;
            await WebSocketBridge.PumpAsync(socket, upstream, onInput, session.Token);
        }
        return Results.Empty;
    }
}
