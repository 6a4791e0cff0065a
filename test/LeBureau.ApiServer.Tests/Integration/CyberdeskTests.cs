using System.Net;
using LeBureau.ApiServer.Tests.Infrastructure;
using LeBureau.Resources;

namespace LeBureau.ApiServer.Tests.Integration;

[Collection(ApiCollection.Name)]
public sealed class CyberdeskTests(ApiServerFixture fixture)
{
    private async Task<HttpClient> ClientAsync(string ns)
    {
        var client = fixture.CreateClient(null);
        client.DefaultRequestHeaders.Add("x-api-key", await fixture.CreateKeyAsync(ns, ApiServerFixture.All));
        return client;
    }

    [Fact]
    public async Task Create_get_stop()
    {
        var ns = await fixture.CreateNamespaceAsync("cyber");
        using var client = await ClientAsync(ns);
        var created = await (await client.PostJsonAsync("/v1/desktop", new { timeout_ms = 120_000 })).JsonAsync(HttpStatusCode.OK);
        var id = created.GetProperty("id").GetString()!;
        created.GetProperty("status").GetString().Should().Be("pending");

        created.GetProperty("stream_url").GetString().Should().StartWith("ws://").And.Contain($"/v1/desktop/{id}/stream?ticket=", "seed 002: create returns the id and the stream URL");

        var got = await (await client.GetAsync($"/v1/desktop/{id}")).JsonAsync(HttpStatusCode.OK);
        got.GetProperty("status").GetString().Should().Be("pending");
        var streamUrl = got.GetProperty("stream_url").GetString()!;
        streamUrl.Should().Contain($"/v1/desktop/{id}/stream?ticket=");
        using (var anonymous = new HttpClient())
        {
            (await (await anonymous.GetAsync(new UriBuilder(streamUrl) { Scheme = "http" }.Uri)).JsonAsync(HttpStatusCode.Conflict))
                .GetProperty("error").GetString().Should().Contain("not running", "the live view connects once the desktop runs");
        }
        got.GetProperty("created_at").GetString().Should().EndWith("Z");
        got.GetProperty("timeout_at").GetString().Should().EndWith("Z");
        var createdAt = got.GetProperty("created_at").GetDateTimeOffset();
        (got.GetProperty("timeout_at").GetDateTimeOffset() - createdAt).TotalSeconds.Should().BeApproximately(120, 5);

        var stopped = await (await client.PostAsync($"/v1/desktop/{id}/stop", null)).JsonAsync(HttpStatusCode.OK);
        stopped.GetProperty("status").GetString().Should().Be("terminated");
        await fixture.WaitForCachesAsync(c => c.Desktops.List(ns).Count() == 0);
        var missing = await (await client.GetAsync($"/v1/desktop/{id}")).JsonAsync(HttpStatusCode.NotFound);
        missing.GetProperty("status").GetString().Should().Be("error");
    }

    [Fact]
    public async Task Create_without_a_body_defaults_to_one_hour_and_a_short_timeout_is_400()
    {
        var ns = await fixture.CreateNamespaceAsync("cyberdef");
        using var client = await ClientAsync(ns);
        var id = (await (await client.PostAsync("/v1/desktop", null)).JsonAsync(HttpStatusCode.OK)).GetProperty("id").GetString();
        var got = await (await client.GetAsync($"/v1/desktop/{id}")).JsonAsync(HttpStatusCode.OK);
        (got.GetProperty("timeout_at").GetDateTimeOffset() - DateTimeOffset.UtcNow).TotalMinutes.Should().BeApproximately(60, 2);

        var error = await (await client.PostJsonAsync("/v1/desktop", new { timeout_ms = 999 })).JsonAsync(HttpStatusCode.BadRequest);
        error.GetProperty("status").GetString().Should().Be("error");
        error.GetProperty("error").GetString().Should().Contain("timeout_ms");
        (await (await client.PostRawAsync("/v1/desktop", "{\"timeout_ms\":\"soon\"}")).JsonAsync(HttpStatusCode.BadRequest))
            .GetProperty("error").GetString().Should().Contain("timeout_ms");
    }

    [Fact]
    public async Task Errors_use_the_cyberdesk_shape()
    {
        var ns = await fixture.CreateNamespaceAsync("cybererr");
        var unauthorized = await (await fixture.CreateClient(null).GetAsync($"/v1/desktop/{Guid.NewGuid()}")).JsonAsync(HttpStatusCode.Unauthorized);
        unauthorized.GetProperty("status").GetString().Should().Be("error");
        unauthorized.GetProperty("error").GetString().Should().NotBeEmpty();
        using var client = await ClientAsync(ns);
        var notFound = await (await client.GetAsync($"/v1/desktop/{Guid.NewGuid()}")).JsonAsync(HttpStatusCode.NotFound);
        notFound.GetProperty("status").GetString().Should().Be("error");
    }

    [Fact]
    public async Task Actions_on_a_desktop_that_is_not_running_are_409()
    {
        var ns = await fixture.CreateNamespaceAsync("cyber409");
        using var client = await ClientAsync(ns);
        var id = (await fixture.CreateDesktopAsync(ns)).Metadata.Uid;
        (await (await client.PostJsonAsync($"/v1/desktop/{id}/computer-action", new { type = "screenshot" })).JsonAsync(HttpStatusCode.Conflict))
            .GetProperty("status").GetString().Should().Be("error");
        (await client.PostJsonAsync($"/v1/desktop/{id}/bash-action", new { command = "true" })).StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Running_means_actionable_a_desktop_whose_agent_is_not_ready_is_pending_and_its_409_agrees()
    {
        var ns = await fixture.CreateNamespaceAsync("cyberready");
        using var client = await ClientAsync(ns);
        var desktop = await fixture.CreateDesktopAsync(ns);
        await fixture.SetStatusAsync(desktop, DesktopPhase.Running, agentReady: false);
        var id = desktop.Metadata.Uid;

        (await (await client.GetAsync($"/v1/desktop/{id}")).JsonAsync(HttpStatusCode.OK)).GetProperty("status").GetString()
            .Should().Be("pending", "a Cyberdesk client waits for running and then acts");
        var refused = await (await client.PostJsonAsync($"/v1/desktop/{id}/computer-action", new { type = "screenshot" })).JsonAsync(HttpStatusCode.Conflict);
        refused.GetProperty("error").GetString().Should().Contain("status pending").And.NotContain("status running");
    }

    [Fact]
    public async Task Every_computer_action_type_works_on_a_real_desktop()
    {
        var ns = await fixture.CreateNamespaceAsync("cyberact");
        using var client = await ClientAsync(ns);
        var id = (await fixture.CreateControllableDesktopAsync(ns)).Metadata.Uid;
        var url = $"/v1/desktop/{id}/computer-action";

        (await (await client.PostJsonAsync(url, new { type = "move_mouse", x = 100, y = 120 })).JsonAsync(HttpStatusCode.OK)).GetRawText().Should().Be("{}");
        (await (await client.PostJsonAsync(url, new { type = "get_cursor_position" })).JsonAsync(HttpStatusCode.OK))
            .GetProperty("output").GetString().Should().Be("X=100\nY=120");
        var shot = await (await client.PostJsonAsync(url, new { type = "screenshot" })).JsonAsync(HttpStatusCode.OK);
        Convert.FromBase64String(shot.GetProperty("base64_image").GetString()!)[..4].Should().Equal(0x89, (byte)'P', (byte)'N', (byte)'G');
        object[] actions =
        [
            new { type = "click_mouse", x = 10, y = 10, button = "left", num_of_clicks = 2 },
            new { type = "click_mouse", click_type = "down" },
            new { type = "click_mouse", click_type = "up" },
            new { type = "scroll", direction = "down", amount = 2 },
            new { type = "drag_mouse", start = new { x = 5, y = 5 }, end = new { x = 40, y = 40 } },
            new { type = "type", text = "hello" },
            new { type = "press_keys", keys = new[] { "ctrl", "a" } },
            new { type = "press_keys", keys = "Return", key_action_type = "press" },
            new { type = "wait", ms = 10 },
        ];
        foreach (var action in actions)
        {
            (await client.PostJsonAsync(url, action)).StatusCode.Should().Be(HttpStatusCode.OK, System.Text.Json.JsonSerializer.Serialize(action));
        }

        var bash = await (await client.PostJsonAsync($"/v1/desktop/{id}/bash-action", new { command = "echo hi; exit 4" })).JsonAsync(HttpStatusCode.OK);
        bash.GetProperty("status").GetString().Should().Be("success");
        bash.GetProperty("output").GetString().Should().Be("hi\n");
        (await (await client.PostJsonAsync($"/v1/desktop/{id}/bash-action", new { command = "echo oops >&2" })).JsonAsync(HttpStatusCode.OK))
            .GetProperty("output").GetString().Should().Be("oops\n");
    }

    [Theory]
    [InlineData("{\"type\":\"teleport\"}", "type")]
    [InlineData("{\"x\":1}", "type")]
    [InlineData("{\"type\":\"move_mouse\",\"x\":\"1\",\"y\":2}", "x")]
    [InlineData("{\"type\":\"move_mouse\",\"x\":1}", "y")]
    [InlineData("{\"type\":\"scroll\",\"direction\":\"inward\",\"amount\":1}", "direction")]
    [InlineData("{\"type\":\"press_keys\",\"keys\":[]}", "keys")]
    [InlineData("{\"type\":\"click_mouse\",\"num_of_clicks\":-1}", "num_of_clicks")]
    [InlineData("{\"type\":\"wait\"}", "ms")]
    [InlineData("not json", "JSON")]
    public async Task Bad_actions_are_400_naming_the_field(string json, string field)
    {
        var ns = await fixture.CreateNamespaceAsync("cyberbad");
        using var client = await ClientAsync(ns);
        var id = (await fixture.CreateControllableDesktopAsync(ns)).Metadata.Uid;
        var error = await (await client.PostRawAsync($"/v1/desktop/{id}/computer-action", json)).JsonAsync(HttpStatusCode.BadRequest);
        error.GetProperty("status").GetString().Should().Be("error");
        error.GetProperty("error").GetString().Should().Contain(field);
    }
}
