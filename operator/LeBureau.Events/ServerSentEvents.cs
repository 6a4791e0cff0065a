using System.Text;
using Microsoft.AspNetCore.Http;

namespace LeBureau.Events;

/// <summary>
/// Writes an <see cref="EventSubscription"/> as <c>text/event-stream</c>: <c>id:</c> and <c>data:</c> per event
/// (no <c>event:</c> line, so a browser's <c>onmessage</c> gets every event, as seed 003 shows) and a comment
/// line when idle. Written by hand because the framework's SSE result has no keep-alive comments.
/// </summary>
public static class ServerSentEvents
{
    /// <summary>Streams until the client goes away, the server stops, or the client is dropped as too slow.</summary>
    public static async Task WriteAsync(HttpResponse response, EventSubscription subscription, TimeSpan keepAlive,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(subscription);
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        await WriteAsync(response, ": connected\nretry: 3000\n\n", cancellationToken);
        if (subscription.Notice is { } notice) await WriteEventAsync(response, notice, cancellationToken);
        var reader = subscription.Events;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                idle.CancelAfter(keepAlive);
                bool more;
                try
                {
                    more = await reader.WaitToReadAsync(idle.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    await WriteAsync(response, ": keep-alive\n\n", cancellationToken);
                    continue;
                }
                if (!more) break;
                while (reader.TryRead(out var e)) await WriteEventAsync(response, e, cancellationToken, flush: false);
                await response.Body.FlushAsync(cancellationToken);
            }
        }
        catch (SlowConsumerException)
        {
            // Dropped for not reading: the connection simply ends.
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Client gone or server stopping.
        }
    }

    private static Task WriteEventAsync(HttpResponse response, PlatformEvent e, CancellationToken cancellationToken, bool flush = true) =>
        WriteAsync(response, $"id: {e.Id}\ndata: {e.ToData()}\n\n", cancellationToken, flush);

    private static async Task WriteAsync(HttpResponse response, string text, CancellationToken cancellationToken, bool flush = true)
    {
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
        if (flush) await response.Body.FlushAsync(cancellationToken);
    }
}
