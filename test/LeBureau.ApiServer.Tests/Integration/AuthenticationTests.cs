using System.Net;
using LeBureau.ApiServer.Tests.Infrastructure;
using LeBureau.ControlPlane;
using LeBureau.Resources;

namespace LeBureau.ApiServer.Tests.Integration;

[Collection(ApiCollection.Name)]
public sealed class AuthenticationTests(ApiServerFixture fixture)
{
    [Fact]
    public async Task Me_names_the_tenant_and_the_capabilities_of_the_key_in_use()
    {
        var ns = await fixture.CreateNamespaceAsync("me");
        var key = await fixture.CreateKeyAsync(ns, [Capability.DesktopRead, Capability.DesktopControl], name: "reader");
        var me = await (await fixture.CreateClient(key).GetAsync("/v1/me")).JsonAsync(HttpStatusCode.OK);
        me.GetProperty("id").GetString().Should().Be(ns);
        me.GetProperty("keyName").GetString().Should().Be("reader");
        me.GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()).Should().Equal("desktop:read", "desktop:control");
        me.GetProperty("tier").GetString().Should().Be("max", "REFERENCE.md: /v1/me returns the tier; a self-hosted install serves every tier");
    }

    [Fact]
    public async Task No_key_is_401_with_a_problem()
    {
        var response = await fixture.CreateClient(null).GetAsync("/api/desktops");
        var body = await response.JsonAsync(HttpStatusCode.Unauthorized);
        body.GetProperty("status").GetInt32().Should().Be(401);
        response.Headers.WwwAuthenticate.ToString().Should().Contain("Bearer");
    }

    [Fact]
    public async Task An_unknown_key_is_401()
    {
        var response = await fixture.CreateClient("sk_live_not-a-key").GetAsync("/v1/me");
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_x_api_key_header_authenticates()
    {
        var ns = await fixture.CreateNamespaceAsync("xkey");
        var key = await fixture.CreateKeyAsync(ns, [Capability.DesktopRead]);
        using var client = fixture.CreateClient(null);
        client.DefaultRequestHeaders.Add("x-api-key", key);
        (await client.GetAsync("/api/desktops")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_apiKey_query_parameter_is_refused_outside_the_SSE_routes()
    {
        var ns = await fixture.CreateNamespaceAsync("query");
        var key = await fixture.CreateKeyAsync(ns, [Capability.DesktopRead]);
        (await fixture.CreateClient(null).GetAsync($"/api/desktops?apiKey={key}")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        using (var stream = await fixture.CreateClient(null).GetAsync($"/api/desktops/stream?apiKey={key}", HttpCompletionOption.ResponseHeadersRead))
        {
            stream.StatusCode.Should().Be(HttpStatusCode.OK, "the SSE route accepts ?apiKey=");
        }
        fixture.Logs.All.Should().NotContain(key, "API keys are never logged, not even from a query string");
        Auth.CredentialReader.AcceptsQueryKey("/api/desktops/stream").Should().BeTrue();
        Auth.CredentialReader.AcceptsQueryKey("/api/mission-control/activity/stream").Should().BeTrue();
    }

    [Fact]
    public async Task A_revoked_key_stops_working_within_a_second()
    {
        var ns = await fixture.CreateNamespaceAsync("revoke");
        var key = await fixture.CreateKeyAsync(ns, [Capability.DesktopRead], name: "doomed");
        using var a = fixture.CreateClient(key, fixture.AddressA);
        using var b = fixture.CreateClient(key, fixture.AddressB);
        (await a.GetAsync("/v1/me")).StatusCode.Should().Be(HttpStatusCode.OK);

        await fixture.Kubectl.RunAsync($"-n {ns} patch apikey doomed --type=merge -p {{\"spec\":{{\"revoked\":true}}}}");
        var revokedAt = DateTime.UtcNow;
        await AssertRefusedWithinASecondAsync(a, b, revokedAt);
    }

    [Fact]
    public async Task A_deleted_key_stops_working_within_a_second()
    {
        var ns = await fixture.CreateNamespaceAsync("delkey");
        var key = await fixture.CreateKeyAsync(ns, [Capability.DesktopRead], name: "gone");
        using var a = fixture.CreateClient(key, fixture.AddressA);
        using var b = fixture.CreateClient(key, fixture.AddressB);
        var deleted = await fixture.Kubectl.RunAsync($"-n {ns} delete apikey gone --wait=false");
        deleted.ExitCode.Should().Be(0, deleted.ToString());
        await AssertRefusedWithinASecondAsync(a, b, DateTime.UtcNow);
    }

    [Fact]
    public async Task An_expired_key_is_401()
    {
        var ns = await fixture.CreateNamespaceAsync("expired");
        var key = await fixture.CreateKeyAsync(ns, [Capability.DesktopRead], name: "old");
        var expiry = DateTime.UtcNow.AddSeconds(-1).ToString("yyyy-MM-ddTHH:mm:ssZ");
        await fixture.Kubectl.RunAsync($"-n {ns} patch apikey old --type=merge -p {{\"spec\":{{\"expiresAt\":\"{expiry}\"}}}}");
        using var a = fixture.CreateClient(key);
        (await WaitFor.ConditionAsync(async _ => (await a.GetAsync("/v1/me")).StatusCode == HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(5)))
            .Should().BeTrue();
    }

    private static async Task AssertRefusedWithinASecondAsync(HttpClient a, HttpClient b, DateTime since)
    {
        while (true)
        {
            var ra = await a.GetAsync("/v1/me");
            var rb = await b.GetAsync("/v1/me");
            if (ra.StatusCode == HttpStatusCode.Unauthorized && rb.StatusCode == HttpStatusCode.Unauthorized) break;
            (DateTime.UtcNow - since).Should().BeLessThan(TimeSpan.FromSeconds(1), "the key must stop working within a second on every replica");
            await Task.Delay(20);
        }
        (DateTime.UtcNow - since).Should().BeLessThan(TimeSpan.FromSeconds(1));
    }
}
