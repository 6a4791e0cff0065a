using System.Net;
using LeBureau.ApiServer.Tests.Infrastructure;

namespace LeBureau.ApiServer.Tests.Integration;

[Collection(ApiCollection.Name)]
public sealed class HealthTests(ApiServerFixture fixture)
{
    [Fact]
    public async Task Probes_answer_without_a_key_once_the_caches_have_listed()
    {
        using var client = fixture.CreateClient(key: null);

        (await client.GetAsync("/healthz")).StatusCode.Should().Be(HttpStatusCode.OK);
        var ready = await client.GetAsync("/readyz");
        ready.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ready.Content.ReadAsStringAsync()).Should().Contain("ready");
    }
}
