using System.Globalization;
using LeBureau.Cli.Hosting;

namespace LeBureau.Cli.Keys;

/// <summary><c>--expires</c> (pure): a duration from now (<c>90m</c>, <c>12h</c>, <c>30d</c>) or a date-time (<c>2027-01-31</c>, ISO 8601, UTC unless an offset is given).</summary>
public static class ExpiryText
{
    public static DateTimeOffset Parse(string text, DateTimeOffset now)
    {
        text = text.Trim();
        if (DurationText.TryParse(text) is { } span) return now + span;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            return at > now ? at.ToUniversalTime()
                : throw new CliException($"--expires {text} is in the past", ExitCodes.Usage);
        }
        throw new CliException($"--expires '{text}' is neither a duration (90m, 12h, 30d) nor a date-time (2027-01-31, 2027-01-31T12:00:00Z)",
            ExitCodes.Usage);
    }
}
