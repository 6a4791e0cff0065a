namespace LeBureau.Resources.Tests;

public class DurationTests
{
    [Theory]
    [InlineData("90s", 90_000)]
    [InlineData("30m", 1_800_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("250ms", 250)]
    [InlineData("1.5h", 5_400_000)]
    public void Parses_kubernetes_durations(string text, long milliseconds)
    {
        Duration.TryParse(text, out var value).Should().BeTrue();
        value.Should().Be(TimeSpan.FromMilliseconds(milliseconds));
    }

    [Theory]
    [InlineData("-5m")]
    [InlineData("")]
    [InlineData("5x")]
    [InlineData("5")]
    [InlineData("m")]
    [InlineData(" 5m")]
    [InlineData(null)]
    public void Rejects_what_is_not_a_duration(string? text)
    {
        Duration.TryParse(text, out var value).Should().BeFalse();
        value.Should().Be(TimeSpan.Zero);
    }

    [Theory]
    [InlineData(5_400_000, "1h30m")]
    [InlineData(90_000, "1m30s")]
    [InlineData(250, "250ms")]
    [InlineData(0, "0s")]
    [InlineData(180_000_000, "50h")]
    public void Formats_the_way_it_parses(long milliseconds, string text)
    {
        var value = TimeSpan.FromMilliseconds(milliseconds);

        Duration.Format(value).Should().Be(text);
        Duration.TryParse(text, out var parsed).Should().BeTrue();
        parsed.Should().Be(value);
    }
}
