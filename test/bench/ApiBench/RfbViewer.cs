using System.Net.WebSockets;
using System.Text;

namespace LeBureau.ApiBench;

/// <summary>
/// The client side of RFB 3.8 over a websocket, as far as the bench needs: handshake (security None) and full-screen
/// updates in the server's default pixel format and Raw encoding (the bytes a proxy has to carry, uncompressed).
/// </summary>
public sealed class RfbViewer : IDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly byte[] _buffer = new byte[256 * 1024];
    private int _start;
    private int _end;

    private RfbViewer(ClientWebSocket socket) => _socket = socket;

    public int Width { get; private set; }

    public int Height { get; private set; }

    public int BytesPerPixel { get; private set; }

    public static async Task<RfbViewer> ConnectAsync(Uri url, string? bearer, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("binary");
        if (bearer is not null) socket.Options.SetRequestHeader("Authorization", $"Bearer {bearer}");
        await socket.ConnectAsync(url, cancellationToken);
        var viewer = new RfbViewer(socket);
        await viewer.ReadAsync(12, cancellationToken);
        await viewer.SendAsync(Encoding.ASCII.GetBytes("RFB 003.008\n"), cancellationToken);
        var types = (await viewer.ReadAsync(1, cancellationToken))[0];
        await viewer.ReadAsync(types, cancellationToken);
        await viewer.SendAsync([1], cancellationToken);
        await viewer.ReadAsync(4, cancellationToken);
        await viewer.SendAsync([1], cancellationToken);
        var init = await viewer.ReadAsync(24, cancellationToken);
        viewer.Width = (init[0] << 8) | init[1];
        viewer.Height = (init[2] << 8) | init[3];
        viewer.BytesPerPixel = init[4] / 8;
        await viewer.ReadAsync((init[20] << 24) | (init[21] << 16) | (init[22] << 8) | init[23], cancellationToken);
        return viewer;
    }

    /// <summary>Asks for the whole screen (not incremental) and reads the update; returns its size in bytes.</summary>
    public async Task<long> FullFrameAsync(CancellationToken cancellationToken)
    {
        await SendAsync([3, 0, 0, 0, 0, 0, (byte)(Width >> 8), (byte)Width, (byte)(Height >> 8), (byte)Height], cancellationToken);
        var type = (await ReadAsync(1, cancellationToken))[0];
        while (type != 0)
        {
            await SkipServerMessageAsync(type, cancellationToken);
            type = (await ReadAsync(1, cancellationToken))[0];
        }
        var header = await ReadAsync(3, cancellationToken);
        var rectangles = (header[1] << 8) | header[2];
        long bytes = 4;
        for (var i = 0; i < rectangles; i++)
        {
            var rectangle = await ReadAsync(12, cancellationToken);
            var width = (rectangle[4] << 8) | rectangle[5];
            var height = (rectangle[6] << 8) | rectangle[7];
            var encoding = (rectangle[8] << 24) | (rectangle[9] << 16) | (rectangle[10] << 8) | rectangle[11];
            if (encoding != 0) throw new InvalidOperationException($"expected Raw encoding, got {encoding}");
            var pixels = (long)width * height * BytesPerPixel;
            await SkipAsync(pixels, cancellationToken);
            bytes += 12 + pixels;
        }
        return bytes;
    }

    /// <summary>Skips a server message other than an update: colour map entries (1), bell (2), cut text (3).</summary>
    private async Task SkipServerMessageAsync(byte type, CancellationToken cancellationToken)
    {
        switch (type)
        {
            case 1:
                var colours = await ReadAsync(5, cancellationToken);
                await SkipAsync(((colours[3] << 8) | colours[4]) * 6L, cancellationToken);
                break;
            case 2:
                break;
            case 3:
                var cut = await ReadAsync(7, cancellationToken);
                await SkipAsync(((long)cut[3] << 24) | ((long)cut[4] << 16) | ((long)cut[5] << 8) | cut[6], cancellationToken);
                break;
            default:
                throw new InvalidOperationException($"unexpected RFB server message type {type}");
        }
    }

    private Task SendAsync(byte[] bytes, CancellationToken cancellationToken) =>
        _socket.SendAsync(bytes, WebSocketMessageType.Binary, endOfMessage: true, cancellationToken);

    private async Task FillAsync(CancellationToken cancellationToken)
    {
        if (_start == _end) _start = _end = 0;
        if (_end == _buffer.Length)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        var result = await _socket.ReceiveAsync(_buffer.AsMemory(_end), cancellationToken);
        if (result.MessageType == WebSocketMessageType.Close) throw new WebSocketException("the server closed the session");
        _end += result.Count;
    }

    private async Task<byte[]> ReadAsync(int count, CancellationToken cancellationToken)
    {
        while (_end - _start < count) await FillAsync(cancellationToken);
        var bytes = _buffer.AsSpan(_start, count).ToArray();
        _start += count;
        return bytes;
    }

    private async Task SkipAsync(long count, CancellationToken cancellationToken)
    {
        while (count > 0)
        {
            if (_start == _end) await FillAsync(cancellationToken);
            var take = (int)Math.Min(count, _end - _start);
            _start += take;
            count -= take;
        }
    }

    public void Dispose() => _socket.Dispose();
}
