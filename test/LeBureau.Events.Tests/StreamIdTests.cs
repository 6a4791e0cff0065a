using LeBureau.Events;

namespace LeBureau.Events.Tests;

public sealed class StreamIdTests
{
    [Theory]
    [InlineData("1700000000000-0", 1700000000000UL, 0UL)]
    [InlineData("5-12", 5UL, 12UL)]
    public void A_redis_entry_id_parses(string text, ulong ms, ulong seq)
    {
        StreamId.TryParse(text, out var id).Should().BeTrue();
        id.Should().Be(new StreamId(ms, seq));
        id.ToString().Should().Be(text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("12")]
    [InlineData("-1-2")]
    [InlineData("1-")]
    [InlineData("1-2-3")]
    [InlineData("99999999999999999999999-0")]
    [InlineData("1 -2")]
    public void A_malformed_last_event_id_is_rejected(string text)
    {
        StreamId.TryParse(text, out _).Should().BeFalse();
    }

    [Fact]
    public void Ids_order_by_time_then_sequence()
    {
        StreamId.Parse("5-1").Should().BeLessThan(StreamId.Parse("5-2"));
        StreamId.Parse("5-9").Should().BeLessThan(StreamId.Parse("6-0"));
        (StreamId.Parse("10-0") > StreamId.Parse("9-99")).Should().BeTrue();
    }
}
