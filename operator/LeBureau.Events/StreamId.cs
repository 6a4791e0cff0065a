using System.Globalization;

namespace LeBureau.Events;

/// <summary>Redis stream entry ids (<c>milliseconds-sequence</c>): validation and ordering.</summary>
public readonly record struct StreamId(ulong Milliseconds, ulong Sequence) : IComparable<StreamId>
{
    /// <summary>The id before every entry.</summary>
    public static readonly StreamId Zero = new(0, 0);

    /// <summary>Parses <c>ms-seq</c>; false for anything else (a malformed Last-Event-ID).</summary>
    public static bool TryParse(string? text, out StreamId id)
    {
        id = Zero;
        if (string.IsNullOrEmpty(text) || text.Length > 41) return false;
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0 || dash == text.Length - 1) return false;
        if (!ulong.TryParse(text.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)) return false;
        if (!ulong.TryParse(text.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var seq)) return false;
        id = new StreamId(ms, seq);
        return true;
    }

    /// <summary>Parses an id Redis gave us.</summary>
    public static StreamId Parse(string text) =>
        TryParse(text, out var id) ? id : throw new FormatException($"'{text}' is not a stream id");

    public int CompareTo(StreamId other) =>
        Milliseconds != other.Milliseconds ? Milliseconds.CompareTo(other.Milliseconds) : Sequence.CompareTo(other.Sequence);

    public static bool operator <(StreamId a, StreamId b) => a.CompareTo(b) < 0;
    public static bool operator >(StreamId a, StreamId b) => a.CompareTo(b) > 0;
    public static bool operator <=(StreamId a, StreamId b) => a.CompareTo(b) <= 0;
    public static bool operator >=(StreamId a, StreamId b) => a.CompareTo(b) >= 0;

    public override string ToString() => $"{Milliseconds}-{Sequence}";
}
