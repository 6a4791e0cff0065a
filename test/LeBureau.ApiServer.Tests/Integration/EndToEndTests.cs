using System.Net;
using System.Text.Json;
using LeBureau.ApiServer.Tests.Infrastructure;
using LeBureau.ControlPlane;
using Microsoft.AspNetCore.Builder;

namespace LeBureau.ApiServer.Tests.Integration;

/// <summary>
/// The whole path: the real operator (OperatorApp.Build, local runtime: Xvfb + window manager + the real agent as
/// local processes) watching one namespace, desktops created and driven only through the api-server.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class EndToEndTests(ApiServerFixture fixture) : IAsyncLifetime
{
    private WebApplication? _operator;
    private string _ns = "";
    private string _state = "";

    public async Task InitializeAsync()
    {
        _ns = await fixture.CreateNamespaceAsync("e2e");
        _state = Directory.CreateTempSubdirectory("lebureau-api-e2e-").FullName;
        _operator = await LocalOperator.StartAsync(fixture, _ns, _state);
    }

    public async Task DisposeAsync()
    {
        if (_operator is not null)
        {
            await _operator.StopAsync();
            await _operator.DisposeAsync();
        }
        try { Directory.Delete(_state, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task A_desktop_created_through_the_API_boots_and_a_click_then_a_screenshot_shows_the_change()
    {
        using var client = fixture.CreateClient(await fixture.CreateKeyAsync(_ns, ApiServerFixture.All));
        var created = await (await client.PostJsonAsync("/api/desktops", new
        {
            name = "e2e", tier = "free", providerConfig = new { provider = "anthropic", apiKey = "sk-ant-e2e-" + Guid.NewGuid().ToString("N") },
        })).JsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString();

        JsonElement desktop = default;
        var ready = await WaitFor.ConditionAsync(async _ =>
        {
            desktop = await (await client.GetAsync($"/api/desktops/{id}")).JsonAsync(HttpStatusCode.OK);
            return desktop.GetProperty("agentReady").GetBoolean();
        }, TimeSpan.FromSeconds(90), TimeSpan.FromMilliseconds(500));
        ready.Should().BeTrue($"the desktop becomes agent-ready: {desktop}");
        desktop.GetProperty("status").GetString().Should().Be("running");
        desktop.GetProperty("ipAddress").GetString().Should().NotBeNullOrEmpty();

        var whoami = await (await client.PostJsonAsync($"/api/desktops/{id}/exec", new { command = "echo $DISPLAY" })).JsonAsync(HttpStatusCode.OK);
        whoami.GetProperty("stdout").GetString().Should().StartWith(":");
        (await client.PostJsonAsync($"/api/desktops/{id}/bash", new { script = "setsid xterm -geometry 60x10+0+0 -bg black -fg white >/dev/null 2>&1 < /dev/null &" }))
            .StatusCode.Should().Be(HttpStatusCode.OK);

        byte[] before = [];
        (await WaitFor.ConditionAsync(async _ =>
        {
            var shot = await (await client.GetAsync($"/api/desktops/{id}/screenshot")).Content.ReadAsByteArrayAsync();
            var settled = before.Length > 0 && shot.AsSpan().SequenceEqual(before);
            before = shot;
            return settled;
        }, TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(700))).Should().BeTrue("the xterm settles");

        (await client.PostJsonAsync($"/v1/desktops/{id}/click", new { x = 60, y = 40 })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.PostJsonAsync($"/v1/desktops/{id}/type", new { text = "echo through-the-api" })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.PostJsonAsync($"/v1/desktops/{id}/key", new { keys = "Return" })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await WaitFor.ConditionAsync(async _ =>
            !(await (await client.GetAsync($"/v1/desktops/{id}/screenshot")).Content.ReadAsByteArrayAsync()).AsSpan().SequenceEqual(before),
            TimeSpan.FromSeconds(10))).Should().BeTrue("the screenshot after the click and typing differs");

        var stopped = await (await client.PostAsync($"/api/desktops/{id}/stop", null)).JsonAsync(HttpStatusCode.OK);
        stopped.GetProperty("id").GetString().Should().Be(id);
        (await WaitFor.ConditionAsync(async _ =>
            (await (await client.GetAsync($"/api/desktops/{id}")).JsonAsync(HttpStatusCode.OK)).GetProperty("status").GetString() == "stopped",
            TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(300))).Should().BeTrue("the operator stops it");
        (await client.PostAsync($"/api/desktops/{id}/stop", null)).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await client.DeleteAsync($"/api/desktops/{id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await WaitFor.ConditionAsync(async _ => (await client.GetAsync($"/api/desktops/{id}")).StatusCode == HttpStatusCode.NotFound,
            TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(300))).Should().BeTrue("the desktop is destroyed");
    }
}
