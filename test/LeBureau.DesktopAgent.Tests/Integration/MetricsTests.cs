using LeBureau.DesktopAgent.Tests.Infrastructure;

namespace LeBureau.DesktopAgent.Tests.Integration;

[Collection(DesktopCollection.Name)]
public sealed class MetricsTests(DesktopFixture desktop)
{
    [Fact]
    public async Task Metrics_are_within_sane_bounds()
    {
        var metrics = await (await desktop.Client.GetAsync("/metrics")).JsonAsync();

        metrics.GetProperty("cpu").GetDouble().Should().BeInRange(0, 100);
        foreach (var name in new[] { "memory", "disk" })
        {
            var figures = metrics.GetProperty(name);
            var total = figures.GetProperty("total").GetInt64();
            total.Should().BePositive();
            figures.GetProperty("used").GetInt64().Should().BeInRange(0, total);
            figures.GetProperty("percent").GetDouble().Should().BeInRange(0, 100);
        }
    }
}
