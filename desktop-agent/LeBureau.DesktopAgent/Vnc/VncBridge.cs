using System.Net.WebSockets;

namespace LeBureau.DesktopAgent.Vnc;

/// <summary>Copies RFB bytes between a websocket (binary messages, as noVNC speaks) and the VNC server's TCP stream.</summary>
internal static class VncBridge
{
    public static async Task PumpAsync(WebSocket socket, Stream server, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var toClient = ServerToClientAsync(server, socket, stop.Token);
        var toServer = ClientToServerAsync(socket, server, stop.Token);
        await Task.WhenAny(toClient, toServer);
        await stop.CancelAsync();
        await Task.WhenAll(Quietly(toClient), Quietly(toServer));
        if (socket.State == WebSocketState.Open)
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "vnc server closed", CancellationToken.None);
        }
    }

    private static async Task ServerToClientAsync(Stream server, WebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await server.ReadAsync(buffer, cancellationToken)) > 0)
        {
            await socket.SendAsync(buffer.AsMemory(0, read), WebSocketMessageType.Binary, endOfMessage: true, cancellationToken);
        }
    }

    private static async Task ClientToServerAsync(WebSocket socket, Stream server, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var message = await socket.ReceiveAsync(buffer.AsMemory(), cancellationToken);
            if (message.MessageType == WebSocketMessageType.Close)
            {
                return;
            }

            await server.WriteAsync(buffer.AsMemory(0, message.Count), cancellationToken);
        }
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or WebSocketException)
        {
            // One side hung up: the session is over either way.
        }
    }
}
