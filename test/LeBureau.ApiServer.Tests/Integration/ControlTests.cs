using System.Net;
using System.Text.Json;
using LeBureau.ApiServer.Tests.Infrastructure;
using LeBureau.Resources;

namespace LeBureau.ApiServer.Tests.Integration;

/// <summary>Control routes through the api-server to a real desktop agent on a real X server.</summary>
[Collection(ApiCollection.Name)]
public sealed class ControlTests(ApiServerFixture fixture)
{
    private static readonly byte[] PngMagic = [0x89, (byte)'P', (byte)'N', (byte)'G'];

    [Fact]
    public async Task Exec_and_bash_answer_stdout_stderr_and_exit_code()
    {
        var (client, id) = await ControllableAsync("exec");
        var exec = await (await client.PostJsonAsync($"/api/desktops/{id}/exec", new { command = "echo hello" })).JsonAsync(HttpStatusCode.OK);
        exec.GetProperty("stdout").GetString().Should().Be("hello\n");
        exec.GetProperty("exitCode").GetInt32().Should().Be(0);
        var bash = await (await client.PostJsonAsync($"/v1/desktops/{id}/bash", new { script = "echo out\necho err >&2\nexit 3" })).JsonAsync(HttpStatusCode.OK);
        bash.GetProperty("stdout").GetString().Should().Be("out\n");
        bash.GetProperty("stderr").GetString().Should().Be("err\n");
        bash.GetProperty("exitCode").GetInt32().Should().Be(3);
        (await client.PostJsonAsync($"/api/desktops/{id}/exec", new { })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Files_are_written_and_listed()
    {
        var (client, id) = await ControllableAsync("files");
        var dir = Directory.CreateTempSubdirectory("lebureau-api-files-").FullName;
        (await client.PostJsonAsync($"/api/desktops/{id}/files", new { path = $"{dir}/note.txt", content = "hi there" })).StatusCode.Should().Be(HttpStatusCode.OK);
        File.ReadAllText($"{dir}/note.txt").Should().Be("hi there");
        var listing = await (await client.GetAsync($"/api/desktops/{id}/files?path={Uri.EscapeDataString(dir)}")).JsonAsync(HttpStatusCode.OK);
        listing.GetRawText().Should().Contain("note.txt");
        (await client.GetAsync($"/api/desktops/{id}/files")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Screenshot_is_a_png_and_metrics_are_reported()
    {
        var (client, id) = await ControllableAsync("shot");
        var response = await client.GetAsync($"/api/desktops/{id}/screenshot");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("image/png");
        (await response.Content.ReadAsByteArrayAsync())[..4].Should().Equal(PngMagic);

        var metrics = await (await client.GetAsync($"/api/desktops/{id}/metrics")).JsonAsync(HttpStatusCode.OK);
        metrics.GetProperty("memory").GetProperty("total").GetInt64().Should().BePositive();
        var desktop = await (await client.GetAsync($"/api/desktops/{id}")).JsonAsync(HttpStatusCode.OK);
        desktop.GetProperty("status").GetString().Should().Be("running");
        desktop.GetProperty("agentReady").GetBoolean().Should().BeTrue();
        desktop.GetProperty("metrics").GetProperty("disk").GetProperty("total").GetInt64().Should().BePositive();
    }

    [Fact]
    public async Task A_click_then_typing_shows_on_the_next_screenshot()
    {
        var (client, id) = await ControllableAsync("click");
        using var xterm = fixture.StartOnDisplay("xterm", "-geometry", "60x10+0+0", "-bg", "black", "-fg", "white");
        byte[] before = [];
        var mapped = await ControlPlane.WaitFor.ConditionAsync(async _ =>
        {
            var blank = await (await client.GetAsync($"/api/desktops/{id}/screenshot")).Content.ReadAsByteArrayAsync();
            if (before.Length > 0 && blank.AsSpan().SequenceEqual(before)) return true;
            before = blank;
            return false;
        }, TimeSpan.FromSeconds(15), TimeSpan.FromMilliseconds(500));
        mapped.Should().BeTrue("xterm settles on the screen");

        var click = await (await client.PostJsonAsync($"/v1/desktops/{id}/click", new { x = 60, y = 40 })).JsonAsync(HttpStatusCode.OK);
        click.GetProperty("x").GetInt32().Should().Be(60);
        (await client.PostJsonAsync($"/v1/desktops/{id}/type", new { text = "echo clicked-and-typed" })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.PostJsonAsync($"/v1/desktops/{id}/key", new { keys = "Return" })).StatusCode.Should().Be(HttpStatusCode.OK);

        var changed = await ControlPlane.WaitFor.ConditionAsync(async _ =>
            !(await (await client.GetAsync($"/v1/desktops/{id}/screenshot")).Content.ReadAsByteArrayAsync()).AsSpan().SequenceEqual(before),
            TimeSpan.FromSeconds(10));
        changed.Should().BeTrue("the typed text appears in the xterm");
    }

    [Fact]
    public async Task Input_routes_validate_their_bodies()
    {
        var (client, id) = await ControllableAsync("input");
        (await (await client.PostRawAsync($"/v1/desktops/{id}/click", "{\"x\":\"10\",\"y\":5}")).JsonAsync(HttpStatusCode.BadRequest))
            .GetProperty("detail").GetString().Should().Contain("x");
        (await client.PostJsonAsync($"/v1/desktops/{id}/click", new { x = 10 })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await client.PostJsonAsync($"/v1/desktops/{id}/click", new { x = 99999, y = 5 })).StatusCode.Should().Be(HttpStatusCode.BadRequest, "the agent refuses an off-screen point");
        (await client.PostRawAsync($"/v1/desktops/{id}/scroll", "{\"direction\":\"sideways\",\"amount\":1}")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await client.PostJsonAsync($"/v1/desktops/{id}/drag", new { start = new { x = 1, y = 1 } })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await client.PostJsonAsync($"/v1/desktops/{id}/scroll", new { direction = "down", amount = 2, x = 100, y = 100 })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.PostJsonAsync($"/v1/desktops/{id}/drag", new { start = new { x = 10, y = 10 }, end = new { x = 50, y = 60 } })).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Control_calls_mark_the_desktop_active_coalesced()
    {
        var ns = await fixture.CreateNamespaceAsync("activity");
        using var client = fixture.CreateClient(await fixture.CreateKeyAsync(ns, ApiServerFixture.All));
        var desktop = await fixture.CreateControllableDesktopAsync(ns);
        (await client.PostJsonAsync($"/api/desktops/{desktop.Metadata.Uid}/exec", new { command = "true" })).StatusCode.Should().Be(HttpStatusCode.OK);
        var first = (await fixture.ReadDesktopAsync(desktop)).Metadata.Annotations[Annotations.LastActivity];
        DateTimeOffset.Parse(first).Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
        var version = (await fixture.ReadDesktopAsync(desktop)).Metadata.ResourceVersion;
        (await client.PostJsonAsync($"/api/desktops/{desktop.Metadata.Uid}/exec", new { command = "true" })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await fixture.ReadDesktopAsync(desktop)).Metadata.ResourceVersion.Should().Be(version, "a second call within the interval writes nothing");
    }

    [Fact]
    public async Task An_unreachable_agent_is_502()
    {
        var ns = await fixture.CreateNamespaceAsync("down");
        using var client = fixture.CreateClient(await fixture.CreateKeyAsync(ns, ApiServerFixture.All));
        var desktop = await fixture.CreateControllableDesktopAsync(ns);
        await fixture.SetStatusAsync(desktop, DesktopPhase.Running, agentReady: true, agentEndpoint: $"http://127.0.0.1:{ControlPlane.FreePort.Next()}");
        (await client.PostJsonAsync($"/api/desktops/{desktop.Metadata.Uid}/exec", new { command = "true" })).StatusCode.Should().Be(HttpStatusCode.BadGateway);
    }

    private async Task<(HttpClient Client, string Id)> ControllableAsync(string prefix)
    {
        var ns = await fixture.CreateNamespaceAsync(prefix);
        var client = fixture.CreateClient(await fixture.CreateKeyAsync(ns, ApiServerFixture.All));
        return (client, (await fixture.CreateControllableDesktopAsync(ns)).Metadata.Uid);
    }
}
