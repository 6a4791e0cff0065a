using System.Globalization;
using LeBureau.Resources;

namespace LeBureau.ApiServer.Activity;

/// <summary>How often activity is written to a desktop's annotation (pure): at most once per 10 % of its idle timeout, 30 s when it has none.</summary>
public static class ActivityCoalescing
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(30);

    public static TimeSpan IntervalFor(string? idleTimeout) =>
        Duration.TryParse(idleTimeout, out var idle) && idle > TimeSpan.Zero
            ? TimeSpan.FromTicks(Math.Max(idle.Ticks / 10, TimeSpan.FromSeconds(1).Ticks))
            : Default;

    /// <summary>Whether activity at <paramref name="now"/> must be written, given the last recorded one.</summary>
    public static bool ShouldRecord(DateTimeOffset? lastRecorded, string? idleTimeout, DateTimeOffset now) =>
        lastRecorded is not { } last || now - last >= IntervalFor(idleTimeout);

    /// <summary>The annotation's value, when it parses.</summary>
    public static DateTimeOffset? Parse(string? annotation) =>
        DateTimeOffset.TryParse(annotation, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value) ? value : null;

    public static string Format(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
