using LeBureau.Operator.Events;

namespace LeBureau.Operator.Tests.Unit;

public sealed class DesktopFiguresTests
{
    [Fact]
    public void An_agents_metrics_reply_gives_its_figures()
    {
        DesktopFigures.Parse("""{"cpu":12.5,"memory":{"used":1,"total":4,"percent":25},"disk":{"used":2,"total":8,"percent":25.5}}""")
            .Should().Be(new DesktopFigures(12.5, 25, 25.5));
    }

    [Theory]
    [InlineData("""{"cpu":0}""")]
    [InlineData("""{"cpu":"high","memory":{"percent":1},"disk":{"percent":1}}""")]
    [InlineData("""{"cpu":-1,"memory":{"percent":1},"disk":{"percent":1}}""")]
    [InlineData("""{"cpu":1,"memory":{"percent":101},"disk":{"percent":1}}""")]
    [InlineData("""{"cpu":1,"memory":{"percent":1},"disk":null}""")]
    [InlineData("""{"cpu":1e999,"memory":{"percent":1},"disk":{"percent":1}}""")]
    [InlineData("""[1,2,3]""")]
    [InlineData("""not json""")]
    [InlineData("")]
    public void A_reply_that_is_not_a_metrics_reply_gives_none_instead_of_throwing(string reply)
    {
        // A desktop's user owns its agent: {"cpu":0} once threw in the sampling loop and stopped every tenant's events.
        DesktopFigures.Parse(reply).Should().BeNull();
    }
}
