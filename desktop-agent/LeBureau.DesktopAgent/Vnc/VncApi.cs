using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using LeBureau.DesktopAgent.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeBureau.DesktopAgent.Vnc;

/// <summary>Live view: /vnc, a websocket bridged to x11vnc (subprotocol <c>binary</c>, as noVNC asks).</summary>
internal static class VncApi
{
    public static IEndpointRouteBuilder MapVncApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/vnc", Vnc);
        return app;
    }

    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> Vnc(
        HttpContext context, bool? viewOnly, VncServers servers, ILogger<VncServers> logger, CancellationToken cancellationToken)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            return ApiResults.Problem("/vnc is a websocket endpoint: send an upgrade request");
        }

        if (await servers.EnsureAsync(viewOnly ?? false, cancellationToken) is not { } port)
        {
            return ApiResults.Problem("the VNC server could not be started", StatusCodes.Status503ServiceUnavailable);
        }

        using var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
        var protocol = context.WebSockets.WebSocketRequestedProtocols.Contains("binary") ? "binary" : null;
        using var socket = await context.WebSockets.AcceptWebSocketAsync(protocol);
        var started = Stopwatch.GetTimestamp();
        await VncBridge.PumpAsync(socket, tcp.GetStream(), cancellationToken);
        AgentLog.VncSessionEnded(logger, port, Stopwatch.GetElapsedTime(started).TotalSeconds);
        return TypedResults.Empty;
    }
}
