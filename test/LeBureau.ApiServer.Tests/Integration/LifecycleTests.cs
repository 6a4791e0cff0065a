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
}
