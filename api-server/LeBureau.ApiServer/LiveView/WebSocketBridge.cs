using System.Net.WebSockets;

namespace LeBureau.ApiServer.LiveView;

/// <summary>Relays messages both ways between two websockets until either side closes; a close is passed on with its status.</summary>
internal static class WebSocketBridge
{
    /// <param name="client">The caller's socket.</param>
    /// <param name="upstream">The socket it is relayed to.</param>
    /// <param name="onClientMessage">Called after each message from the client has been relayed (may be null).</param>
    /// <param name="cancellationToken">Ends the session.</param>
    public static async Task PumpAsync(WebSocket client, WebSocket upstream, Func<ReadOnlyMemory<byte>, CancellationToken, Task>? onClientMessage,
        CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var up = CopyAsync(client, upstream, onClientMessage, stop.Token);
        var down = CopyAsync(upstream, client, null, stop.Token);
        await Task.WhenAny(up, down);
        await stop.CancelAsync();
        await Task.WhenAll(Quietly(up), Quietly(down));
    }

    private static async Task CopyAsync(WebSocket from, WebSocket to, Func<ReadOnlyMemory<byte>, CancellationToken, Task>? relayed,
        CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var message = await from.ReceiveAsync(buffer.AsMemory(), cancellationToken);
            if (message.MessageType == WebSocketMessageType.Close)
            {
                await to.CloseOutputAsync(from.CloseStatus ?? WebSocketCloseStatus.NormalClosure, from.CloseStatusDescription, cancellationToken);
                return;
            }
            await to.SendAsync(buffer.AsMemory(0, message.Count), message.MessageType, message.EndOfMessage, cancellationToken);
            if (relayed is not null) await relayed(buffer.AsMemory(0, message.Count), cancellationToken);
        }
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException or ObjectDisposedException)
        {
            // One side hung up or the server is stopping: the session is over either way.
        }
    }
}
