using System.Net;
using System.Net.WebSockets;
using System.Text;
using k8s;
using LeBureau.ApiServer.Tests.Infrastructure;
using LeBureau.ControlPlane;
using LeBureau.Resources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LeBureau.ApiServer.Tests.Integration;

/// <summary>
/// The Cyberdesk <c>stream_url</c>: a websocket through the api-server to the real agent's VNC bridge (x11vnc on the
/// fixture's Xvfb), spoken to in RFB as noVNC would.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class LiveViewTests(ApiServerFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private async Task<(HttpClient Client, string Id)> DesktopAsync(string prefix, params Capability[] capabilities)
    {
        var ns = await fixture.CreateNamespaceAsync(prefix);
        var client = fixture.CreateClient(null);
        client.DefaultRequestHeaders.Add("x-api-key", await fixture.CreateKeyAsync(ns, capabilities.Length > 0 ? capabilities : ApiServerFixture.All));
        var id = (await fixture.CreateControllableDesktopAsync(ns)).Metadata.Uid;
        return (client, id);
    }

    private static async Task<string> StreamUrlAsync(HttpClient client, string id)
    {
        var got = await (await client.GetAsync($"/v1/desktop/{id}")).JsonAsync(HttpStatusCode.OK);
        return got.GetProperty("stream_url").GetString()!;
    }

    private static async Task<(int X, int Y)> CursorAsync(HttpClient client, string id)
    {
        var output = (await (await client.PostJsonAsync($"/v1/desktop/{id}/computer-action", new { type = "get_cursor_position" })).JsonAsync(HttpStatusCode.OK))
            .GetProperty("output").GetString()!;
        var lines = output.Split('\n');
        return (int.Parse(lines[0][2..], System.Globalization.CultureInfo.InvariantCulture), int.Parse(lines[1][2..], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task The_stream_url_of_a_running_desktop_opens_an_RFB_session_whose_pointer_moves_the_real_cursor()
    {
        var (client, id) = await DesktopAsync("live");
        var url = await StreamUrlAsync(client, id);
        url.Should().StartWith($"ws://{fixture.AddressA.Authority}/v1/desktop/{id}/stream?ticket=");

        using var timeout = new CancellationTokenSource(Deadline);
        using var session = await RfbSession.OpenAsync(new Uri(url), timeout.Token);
        session.Width.Should().Be(1280);
        session.Height.Should().Be(800);

        await session.PointerAsync(321, 234, timeout.Token);
        (await WaitFor.ConditionAsync(async _ => await CursorAsync(client, id) == (321, 234), Deadline)).Should().BeTrue();
    }

    [Fact]
    public async Task A_browser_opening_the_stream_url_sees_the_real_screen_through_noVNC()
    {
        var (client, id) = await DesktopAsync("livebrowser");
        var page = new UriBuilder(await StreamUrlAsync(client, id)) { Scheme = "http", Port = fixture.AddressA.Port }.Uri;

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var tab = await browser.NewPageAsync();
        var response = await tab.GotoAsync(page.ToString());
        response!.Headers["content-type"].Should().StartWith("text/html");
        var wait = new PageWaitForFunctionOptions { Timeout = 30_000 };

        await tab.WaitForFunctionAsync("() => document.body.dataset.state === 'connected'", null, wait);
        // Painted while the page watches (x11vnc holds a connection, so Xvfb does not reset when xsetroot leaves):
        // the desktop's root window reaches the page's canvas through x11vnc, the api-server and noVNC.
        (await client.PostJsonAsync($"/v1/desktop/{id}/bash-action", new { command = "xsetroot -solid '#c81e64'" })).EnsureSuccessStatusCode();
        await tab.WaitForFunctionAsync("""
            () => {
              const canvas = document.querySelector('#screen canvas');
              if (!canvas || canvas.width !== 1280 || canvas.height !== 800) return false;
              const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
              let matching = 0;
              for (let i = 0; i < pixels.length; i += 4 * 97) {
                if (Math.abs(pixels[i] - 0xc8) < 8 && Math.abs(pixels[i + 1] - 0x1e) < 8 && Math.abs(pixels[i + 2] - 0x64) < 8) matching++;
              }
              return matching > 100;
            }
            """, null, wait);
        (await tab.TextContentAsync("#status")).Should().Be("connected");
    }

    [Fact]
    public async Task A_key_without_control_gets_a_view_only_screen()
    {
        var ns = await fixture.CreateNamespaceAsync("liveview");
        using var reader = fixture.CreateClient(null);
        reader.DefaultRequestHeaders.Add("x-api-key", await fixture.CreateKeyAsync(ns, [Capability.DesktopRead]));
        using var controller = fixture.CreateClient(null);
        controller.DefaultRequestHeaders.Add("x-api-key", await fixture.CreateKeyAsync(ns, ApiServerFixture.All));
        var id = (await fixture.CreateControllableDesktopAsync(ns)).Metadata.Uid;
        (await controller.PostJsonAsync($"/v1/desktop/{id}/computer-action", new { type = "move_mouse", x = 10, y = 20 })).EnsureSuccessStatusCode();

        using var timeout = new CancellationTokenSource(Deadline);
        using var session = await RfbSession.OpenAsync(new Uri(await StreamUrlAsync(reader, id)), timeout.Token);
        await session.PointerAsync(600, 500, timeout.Token);
        await session.FramebufferUpdateAsync(timeout.Token);

        (await CursorAsync(controller, id)).Should().Be((10, 20), "x11vnc -viewonly drops the pointer event it received before answering the update request");
    }

    [Fact]
    public async Task Input_through_the_live_view_keeps_the_desktop_active()
    {
        var (client, id) = await DesktopAsync("liveactive");
        var desktop = fixture.ServerA.Services.GetRequiredService<Cache.ResourceCaches>().Desktops.FirstByIndex(Cache.ResourceCaches.ByUid, id)!;
        // A 10 s idle timeout: activity is written at most once a second.
        await fixture.Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new k8s.Models.V1Patch("{\"spec\":{\"idleTimeout\":\"10s\"}}", k8s.Models.V1Patch.PatchType.MergePatch),
            Desktop.Group, Desktop.Version, desktop.Metadata.NamespaceProperty, Desktop.Plural, desktop.Metadata.Name);
        await fixture.WaitForDesktopAsync(id, d => d.Spec.IdleTimeout == "10s");
        using var timeout = new CancellationTokenSource(Deadline);
        using var session = await RfbSession.OpenAsync(new Uri(await StreamUrlAsync(client, id)), timeout.Token);
        var connected = await LastActivityAsync(desktop);
        connected.Should().NotBeNull("connecting is activity");

        var moved = 0;
        var later = await WaitFor.ConditionAsync(async _ =>
        {
            await session.PointerAsync(100 + moved++ % 50, 100, timeout.Token);
            return await LastActivityAsync(desktop) > connected;
        }, Deadline);

        later.Should().BeTrue("pointer input through the live view is recorded as activity");
    }

    private async Task<DateTimeOffset?> LastActivityAsync(Desktop desktop)
    {
        var current = await fixture.ReadDesktopAsync(desktop);
        return current.Metadata.Annotations?.TryGetValue(Annotations.LastActivity, out var value) == true
            ? Activity.ActivityCoalescing.Parse(value) : null;
    }

    [Fact]
    public async Task A_ticket_opens_on_the_other_replica_too()
    {
        var (client, id) = await DesktopAsync("livereplica");
        var url = new UriBuilder(await StreamUrlAsync(client, id)) { Port = fixture.AddressB.Port }.Uri;

        using var timeout = new CancellationTokenSource(Deadline);
        using var session = await RfbSession.OpenAsync(url, timeout.Token);

        session.Width.Should().Be(1280);
    }

    [Fact]
    public async Task Missing_forged_misdirected_and_revoked_tickets_are_refused_before_the_upgrade()
    {
        var ns = await fixture.CreateNamespaceAsync("liverefuse");
        using var client = fixture.CreateClient(null);
        client.DefaultRequestHeaders.Add("x-api-key", await fixture.CreateKeyAsync(ns, ApiServerFixture.All, name: "viewer"));
        var id = (await fixture.CreateControllableDesktopAsync(ns)).Metadata.Uid;
        var other = (await fixture.CreateControllableDesktopAsync(ns)).Metadata.Uid;
        var url = new Uri(await StreamUrlAsync(client, id));
        var ticket = url.Query["?ticket=".Length..];
        using var anonymous = new HttpClient { BaseAddress = fixture.AddressA };

        (await (await anonymous.GetAsync($"/v1/desktop/{id}/stream")).JsonAsync(HttpStatusCode.Unauthorized))
            .GetProperty("error").GetString().Should().Contain("ticket");
        (await anonymous.GetAsync($"/v1/desktop/{id}/stream?ticket={ticket[..^4]}AAAA")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await anonymous.GetAsync($"/v1/desktop/{other}/stream?ticket={ticket}")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await (await anonymous.GetAsync($"/v1/desktop/{id}/stream?ticket={ticket}")).JsonAsync(HttpStatusCode.BadRequest))
            .GetProperty("error").GetString().Should().Contain("websocket");

        await fixture.Kubectl.RunAsync($"-n {ns} patch apikey viewer --type=merge -p {{\"spec\":{{\"revoked\":true}}}}");
        (await WaitFor.ConditionAsync(async ct => (await anonymous.GetAsync($"/v1/desktop/{id}/stream?ticket={ticket}", ct)).StatusCode == HttpStatusCode.Unauthorized, Deadline))
            .Should().BeTrue("a ticket is worth no more than the key that asked for it");
    }

    [Fact]
    public async Task A_stopped_desktop_has_no_stream_url()
    {
        var ns = await fixture.CreateNamespaceAsync("livestopped");
        using var client = fixture.CreateClient(null);
        client.DefaultRequestHeaders.Add("x-api-key", await fixture.CreateKeyAsync(ns, ApiServerFixture.All));
        var desktop = await fixture.SetStatusAsync(await fixture.CreateDesktopAsync(ns, running: false), DesktopPhase.Stopped);

        var got = await (await client.GetAsync($"/v1/desktop/{desktop.Metadata.Uid}")).JsonAsync(HttpStatusCode.OK);

        got.GetProperty("status").GetString().Should().Be("terminated");
        got.GetProperty("stream_url").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task The_page_of_a_desktop_still_starting_waits_and_connects_once_it_runs()
    {
        var (client, id) = await DesktopAsync("livewait");
        var desktop = fixture.ServerA.Services.GetRequiredService<Cache.ResourceCaches>().Desktops.FirstByIndex(Cache.ResourceCaches.ByUid, id)!;
        await fixture.SetStatusAsync(desktop, DesktopPhase.Booting);
        var page = new UriBuilder(await StreamUrlAsync(client, id)) { Scheme = "http" }.Uri;

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var tab = await browser.NewPageAsync();
        await tab.GotoAsync(page.ToString());
        var wait = new PageWaitForFunctionOptions { Timeout = 30_000 };
        await tab.WaitForFunctionAsync("() => document.body.dataset.state === 'waiting'", null, wait);
        (await tab.TextContentAsync("#status")).Should().Contain("waiting for the desktop");

        await fixture.SetStatusAsync(desktop, DesktopPhase.Running, agentReady: true, agentEndpoint: fixture.AgentAddress.ToString());

        await tab.WaitForFunctionAsync("() => document.body.dataset.state === 'connected'", null, wait);
    }

    private static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = "/usr/bin/chromium", Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update"],
    });

    /// <summary>The client side of RFB 3.8 with security type None, as far as these tests need it.</summary>
    private sealed class RfbSession : IDisposable
    {
        private readonly ClientWebSocket _socket;
        private readonly List<byte> _pending = [];

        private RfbSession(ClientWebSocket socket) => _socket = socket;

        public int Width { get; private set; }

        public int Height { get; private set; }

        public static async Task<RfbSession> OpenAsync(Uri url, CancellationToken cancellationToken)
        {
            var socket = new ClientWebSocket();
            socket.Options.AddSubProtocol("binary");
            await socket.ConnectAsync(url, cancellationToken);
            socket.SubProtocol.Should().Be("binary");
            var session = new RfbSession(socket);
            Encoding.ASCII.GetString(await session.ReadAsync(12, cancellationToken)).Should().MatchRegex(@"^RFB 003\.00\d\n$");
            await session.SendAsync(Encoding.ASCII.GetBytes("RFB 003.008\n"), cancellationToken);
            var types = await session.ReadAsync((await session.ReadAsync(1, cancellationToken))[0], cancellationToken);
            types.Should().Contain(1, "x11vnc runs with -nopw");
            await session.SendAsync([1], cancellationToken);
            (await session.ReadAsync(4, cancellationToken)).Should().Equal(0, 0, 0, 0);
            await session.SendAsync([1], cancellationToken);
            var init = await session.ReadAsync(24, cancellationToken);
            session.Width = (init[0] << 8) | init[1];
            session.Height = (init[2] << 8) | init[3];
            await session.ReadAsync((init[20] << 24) | (init[21] << 16) | (init[22] << 8) | init[23], cancellationToken);
            return session;
        }

        /// <summary>PointerEvent: no button pressed, at (x, y).</summary>
        public Task PointerAsync(int x, int y, CancellationToken cancellationToken) =>
            SendAsync([5, 0, (byte)(x >> 8), (byte)x, (byte)(y >> 8), (byte)y], cancellationToken);

        /// <summary>Asks for a full update of a small corner and waits for the server's next message.</summary>
        public async Task FramebufferUpdateAsync(CancellationToken cancellationToken)
        {
            await SendAsync([3, 0, 0, 0, 0, 0, 0, 16, 0, 16], cancellationToken);
            await ReadAsync(1, cancellationToken);
        }

        private Task SendAsync(byte[] bytes, CancellationToken cancellationToken) =>
            _socket.SendAsync(bytes, WebSocketMessageType.Binary, endOfMessage: true, cancellationToken);

        private async Task<byte[]> ReadAsync(int count, CancellationToken cancellationToken)
        {
            var buffer = new byte[64 * 1024];
            while (_pending.Count < count)
            {
                var result = await _socket.ReceiveAsync(buffer, cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close) throw new WebSocketException("the server closed the live view");
                _pending.AddRange(buffer.AsSpan(0, result.Count).ToArray());
            }
            var bytes = _pending.Take(count).ToArray();
            _pending.RemoveRange(0, count);
            return bytes;
        }

        public void Dispose() => _socket.Dispose();
    }
}
