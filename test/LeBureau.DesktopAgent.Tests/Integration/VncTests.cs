using System.Net.WebSockets;
using System.Text;
using LeBureau.DesktopAgent.Tests.Infrastructure;

namespace LeBureau.DesktopAgent.Tests.Integration;

[Collection(DesktopCollection.Name)]
public sealed class VncTests(DesktopFixture desktop)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_websocket_bridge_completes_an_RFB_handshake_with_x11vnc(bool viewOnly)
    {
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", $"Bearer {DesktopFixture.Token}");
        socket.Options.AddSubProtocol("binary");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var uri = new Uri($"ws://{desktop.BaseAddress.Authority}/vnc?viewOnly={viewOnly.ToString().ToLowerInvariant()}");

        await socket.ConnectAsync(uri, timeout.Token);
        socket.SubProtocol.Should().Be("binary");
        var reader = new RfbReader(socket, timeout.Token);

        Encoding.ASCII.GetString(await reader.ReadAsync(12)).Should().MatchRegex(@"^RFB 003\.00\d\n$");
        await Send(socket, Encoding.ASCII.GetBytes("RFB 003.008\n"), timeout.Token);
        var typeCount = (await reader.ReadAsync(1))[0];
        (await reader.ReadAsync(typeCount)).Should().Contain(1, because: "x11vnc runs with -nopw, security type None");
        await Send(socket, [1], timeout.Token);
        (await reader.ReadAsync(4)).Should().Equal(0, 0, 0, 0);
        await Send(socket, [1], timeout.Token);
        var serverInit = await reader.ReadAsync(4);
        ((serverInit[0] << 8) | serverInit[1]).Should().Be(1280);
        ((serverInit[2] << 8) | serverInit[3]).Should().Be(800);
    }

    [Fact]
    public async Task A_plain_request_to_the_websocket_endpoint_is_400()
    {
        var response = await desktop.Client.GetAsync("/vnc");

        response.StatusCode.Should().Be(System.Net.HttpStatusCode.BadRequest);
    }

    private static Task Send(ClientWebSocket socket, byte[] bytes, CancellationToken cancellationToken) =>
        socket.SendAsync(bytes, WebSocketMessageType.Binary, endOfMessage: true, cancellationToken);

    private sealed class RfbReader(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        private readonly List<byte> _pending = [];

        public async Task<byte[]> ReadAsync(int count)
        {
            var buffer = new byte[64 * 1024];
            while (_pending.Count < count)
            {
                var result = await socket.ReceiveAsync(buffer, cancellationToken);
                result.MessageType.Should().Be(WebSocketMessageType.Binary);
                _pending.AddRange(buffer.AsSpan(0, result.Count).ToArray());
            }

            var bytes = _pending.Take(count).ToArray();
            _pending.RemoveRange(0, count);
            return bytes;
        }
    }
}
