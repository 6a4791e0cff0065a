using LeBureau.ApiServer.Auth;
using LeBureau.Events;
using LeBureau.Resources;
using Microsoft.Extensions.Options;

namespace LeBureau.ApiServer.Streams;

/// <summary>
/// The SSE streams of seed 003. Authentication (also <c>?apiKey=</c>, for EventSource) and the one rate-limit
/// count per connection happen in the guard middleware; here the caller's tenant and the stream's event types
/// select what is sent.
/// </summary>
public static class StreamsApi
{
    public static IEndpointRouteBuilder MapStreamsApi(this IEndpointRouteBuilder app)
    {
        var streams = app.MapGroup("").WithTags("Streams");
        streams.MapGet("/api/desktops/stream", DesktopStream).RequireCapability(Capability.DesktopRead).Produces(200, contentType: "text/event-stream");
        streams.MapGet("/api/mission-control/activity/stream", ActivityStream).RequireCapability(Capability.TasksRead).Produces(200, contentType: "text/event-stream");
        return app;
    }

    internal static Task DesktopStream(HttpContext context, [AsParameters] StreamRequest request) =>
        StreamAsync(context, request, e => EventTypes.IsDesktopStream(e.Type));

    internal static Task ActivityStream(HttpContext context, [AsParameters] StreamRequest request) =>
        StreamAsync(context, request, e => EventTypes.IsActivityStream(e.Type));

    private static async Task StreamAsync(HttpContext context, StreamRequest request, Func<PlatformEvent, bool> filter)
    {
        var caller = context.Features.Get<Caller>() ?? throw new InvalidOperationException("the guard middleware sets the caller");
        using var done = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, request.Lifetime.ApplicationStopping);
        var lastEventId = context.Request.Headers["Last-Event-ID"].FirstOrDefault();
        using var subscription = await request.Hub.SubscribeAsync(caller.Namespace, filter, lastEventId, done.Token);
        await ServerSentEvents.WriteAsync(context.Response, subscription, request.Options.Value.KeepAlive, done.Token);
    }

    /// <summary>What a stream handler needs.</summary>
    internal sealed record StreamRequest(EventHub Hub, IOptions<EventStreamOptions> Options, IHostApplicationLifetime Lifetime);
}
