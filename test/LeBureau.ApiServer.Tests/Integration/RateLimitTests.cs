using System.Net;
using LeBureau.ApiServer.Tests.Infrastructure;
using LeBureau.ControlPlane;
using LeBureau.Resources;

namespace LeBureau.ApiServer.Tests.Integration;

[Collection(ApiCollection.Name)]
public sealed class RateLimitTests(ApiServerFixture fixture)
{
    [Fact]
    public async Task The_limit_holds_exactly_at_its_boundary_across_two_replicas()
    {
        var ns = await fixture.CreateNamespaceAsync("limit");
        var key = await fixture.CreateKeyAsync(ns, [Capability.DesktopRead], rateLimitPerMinute: 7);
        var other = await fixture.CreateKeyAsync(ns, [Capability.DesktopRead], rateLimitPerMinute: 7);
        using var a = fixture.CreateClient(key, fixture.AddressA);
        using var b = fixture.CreateClient(key, fixture.AddressB);

        for (var i = 0; i < 7; i++)
        {
            var response = await (i % 2 == 0 ? a : b).GetAsync("/api/desktops");
            response.StatusCode.Should().Be(HttpStatusCode.OK, $"request {i + 1} of 7 is within the limit");
        }
        foreach (var client in new[] { a, b })
        {
            var refused = await client.GetAsync("/v1/desktops");
            var body = await refused.JsonAsync(HttpStatusCode.TooManyRequests);
            body.GetProperty("status").GetInt32().Should().Be(429);
            refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds.Should().BeInRange(1, 60);
        }
        (await fixture.CreateClient(other, fixture.AddressB).GetAsync("/api/desktops")).StatusCode.Should().Be(HttpStatusCode.OK, "limits are per key");
    }

    [Fact]
    public async Task The_global_default_applies_to_keys_without_their_own_limit()
    {
        var ns = await fixture.CreateNamespaceAsync("deflimit");
        var key = await fixture.CreateKeyAsync(ns, [Capability.DesktopRead], rateLimitPerMinute: 0);
        var (server, address) = await fixture.StartApiServerAsync("--ApiServer:RateLimitPerMinute=3");
        try
        {
            using var client = fixture.CreateClient(key, address);
            for (var i = 0; i < 3; i++) (await client.GetAsync("/api/desktops")).StatusCode.Should().Be(HttpStatusCode.OK);
            (await client.GetAsync("/api/desktops")).StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        }
        finally
        {
            await server.StopAsync();
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Redis_down_fails_open_with_a_log_line()
    {
        var ns = await fixture.CreateNamespaceAsync("redisdown");
        var key = await fixture.CreateKeyAsync(ns, [Capability.DesktopRead], rateLimitPerMinute: 2);
        using var client = fixture.CreateClient(key);
        (await client.GetAsync("/api/desktops")).StatusCode.Should().Be(HttpStatusCode.OK);
        fixture.Redis.Stop();
        try
        {
            for (var i = 0; i < 4; i++) (await client.GetAsync("/api/desktops")).StatusCode.Should().Be(HttpStatusCode.OK);
            fixture.Logs.Lines.Should().Contain(l => l.Contains("fail open"));
        }
        finally
        {
            await fixture.Redis.StartAsync();
        }
        // Counting resumes once Redis is back (after the limiter's short fail-open pause), on every replica.
        var other = await fixture.CreateKeyAsync(ns, [Capability.DesktopRead]);
        foreach (var address in new[] { fixture.AddressA, fixture.AddressB })
        {
            using var probe = fixture.CreateClient(other, address);
            (await WaitFor.ConditionAsync(async _ => (await probe.GetAsync("/v1/me")).Headers.Contains("X-RateLimit-Limit"), TimeSpan.FromSeconds(15)))
                .Should().BeTrue("rate limiting resumes when Redis returns");
        }
    }
}
