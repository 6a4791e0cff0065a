using System.Threading.Channels;
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
        await WriteAsync(response, subscription.Events, e => e.Frame, subscription.Notice?.Frame, keepAlive, cancellationToken);
    }

    /// <summary>
    /// Streams the frames of <paramref name="reader"/> (each a whole SSE event) with keep-alive comments when idle,
    /// until the reader completes, the client goes away, the server stops, or the client is dropped as too slow.
    /// </summary>
    public static async Task WriteAsync<T>(HttpResponse response, ChannelReader<T> reader, Func<T, ReadOnlyMemory<byte>> frame,
        ReadOnlyMemory<byte>? first, TimeSpan keepAlive, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(frame);
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        await WriteAsync(response, ": connected\nretry: 3000\n\n", cancellationToken);
        var idle = new CancellationTokenSource();
        try
        {
            if (first is { } notice) await WriteFrameAsync(response, notice, cancellationToken);
            while (!cancellationToken.IsCancellationRequested)
            {
                if (!idle.TryReset())
                {
                    idle.Dispose();
                    idle = new CancellationTokenSource();
                }
                idle.CancelAfter(keepAlive);
                bool more;
                try
                {
                    using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Token);
                    more = await reader.WaitToReadAsync(wait.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    await WriteAsync(response, ": keep-alive\n\n", cancellationToken);
                    continue;
                }
                if (!more) break;
                while (reader.TryRead(out var e)) await response.Body.WriteAsync(frame(e), cancellationToken);
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
        catch (IOException) when (cancellationToken.IsCancellationRequested)
        {
            // Client gone mid-write.
        }
        finally
        {
            idle.Dispose();
        }
    }

    private static async Task WriteFrameAsync(HttpResponse response, ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        await response.Body.WriteAsync(frame, cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }

    private static async Task WriteAsync(HttpResponse response, string text, CancellationToken cancellationToken)
    {
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
