using System.Net;
using LeBureau.ApiServer.Tests.Infrastructure;
using LeBureau.Resources;

namespace LeBureau.ApiServer.Tests.Integration;

[Collection(ApiCollection.Name)]
public sealed class LifecycleTests(ApiServerFixture fixture)
{
    [Theory]
    [InlineData("/api/desktops")]
    [InlineData("/v1/desktops")]
    public async Task Stop_then_start_flip_spec_running_and_conflict_when_repeated(string prefix)
    {
        var ns = await fixture.CreateNamespaceAsync("life");
        using var client = fixture.CreateClient(await fixture.CreateKeyAsync(ns, ApiServerFixture.All));
        var desktop = await fixture.CreateDesktopAsync(ns);
        var id = desktop.Metadata.Uid;

        (await client.PostAsync($"{prefix}/{id}/start", null)).StatusCode.Should().Be(HttpStatusCode.Conflict);
        var stopped = await (await client.PostAsync($"{prefix}/{id}/stop", null)).JsonAsync(HttpStatusCode.OK);
        stopped.GetProperty("id").GetString().Should().Be(id);
        (await fixture.ReadDesktopAsync(desktop)).Spec.Running.Should().BeFalse();
        var conflict = await (await client.PostAsync($"{prefix}/{id}/stop", null)).JsonAsync(HttpStatusCode.Conflict);
        conflict.GetProperty("status").GetInt32().Should().Be(409);

        (await client.PostAsync($"{prefix}/{id}/start", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await fixture.ReadDesktopAsync(desktop)).Spec.Running.Should().BeTrue();
    }

    [Fact]
    public async Task Restart_sets_restartedAt()
    {
        var ns = await fixture.CreateNamespaceAsync("restart");
        using var client = fixture.CreateClient(await fixture.CreateKeyAsync(ns, ApiServerFixture.All));
        var desktop = await fixture.CreateDesktopAsync(ns);
        (await client.PostAsync($"/api/desktops/{desktop.Metadata.Uid}/restart", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await fixture.ReadDesktopAsync(desktop)).Spec.RestartedAt.Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task Control_right_after_an_accepted_stop_answers_as_for_a_desktop_that_is_not_running()
    {
        var ns = await fixture.CreateNamespaceAsync("stopctl");
        using var client = fixture.CreateClient(await fixture.CreateKeyAsync(ns, ApiServerFixture.All));
        using var cyber = fixture.CreateClient(null);
        cyber.DefaultRequestHeaders.Add("x-api-key", await fixture.CreateKeyAsync(ns, ApiServerFixture.All));
        var id = (await fixture.CreateControllableDesktopAsync(ns)).Metadata.Uid;
        (await client.PostJsonAsync($"/api/desktops/{id}/exec", new { command = "true" })).StatusCode.Should().Be(HttpStatusCode.OK);

        var stopped = await (await client.PostAsync($"/api/desktops/{id}/stop", null)).JsonAsync(HttpStatusCode.OK);

        stopped.GetProperty("status").GetString().Should().Be("stopping", "the stop was accepted; the machine has not stopped yet");
        var refused = await (await client.PostJsonAsync($"/api/desktops/{id}/exec", new { command = "true" })).JsonAsync(HttpStatusCode.ServiceUnavailable);
        refused.GetProperty("detail").GetString().Should().Contain("stopping");
        var cyberRefused = await (await cyber.PostJsonAsync($"/v1/desktop/{id}/bash-action", new { command = "true" })).JsonAsync(HttpStatusCode.Conflict);
        cyberRefused.GetProperty("error").GetString().Should().Be("The desktop is not running (status terminated).");
        (await (await cyber.GetAsync($"/v1/desktop/{id}")).JsonAsync(HttpStatusCode.OK)).GetProperty("status").GetString().Should().Be("terminated");
    }

    [Fact]
    public async Task Start_on_an_errored_desktop_starts_it_afresh_instead_of_a_conflict()
    {
        var ns = await fixture.CreateNamespaceAsync("starterr");
        using var client = fixture.CreateClient(await fixture.CreateKeyAsync(ns, ApiServerFixture.All));
        var desktop = await fixture.SetStatusAsync(await fixture.CreateDesktopAsync(ns), DesktopPhase.Error);

        (await client.PostAsync($"/api/desktops/{desktop.Metadata.Uid}/start", null)).StatusCode.Should().Be(HttpStatusCode.OK);

        var stored = await fixture.ReadDesktopAsync(desktop);
        stored.Spec.Running.Should().BeTrue();
        stored.Spec.RestartedAt.Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1), "a spec change has the operator try again at once");
        stored.Metadata.Generation.Should().BeGreaterThan(desktop.Metadata.Generation!.Value);
    }
}
