using System.Globalization;
using System.Text.RegularExpressions;

namespace LeBureau.Resources;

/// <summary>Parses Kubernetes-style durations (<c>90s</c>, <c>30m</c>, <c>1h30m</c>, <c>250ms</c>).</summary>
public static partial class Duration
{
    [GeneratedRegex(@"([0-9]+(?:\.[0-9]+)?)(ms|s|m|h)")]
    private static partial Regex Part();

    [GeneratedRegex(Schema.DurationAttribute.Pattern)]
    private static partial Regex Whole();

    /// <summary>Parses <paramref name="text"/>; false when it is not a duration.</summary>
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text) || !Whole().IsMatch(text))
        {
            return false;
        }
        foreach (Match m in Part().Matches(text))
        {
            var n = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            value += m.Groups[2].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(n),
                "s" => TimeSpan.FromSeconds(n),
                "m" => TimeSpan.FromMinutes(n),
                _ => TimeSpan.FromHours(n),
            };
        }
        return true;
    }

    /// <summary>Formats <paramref name="value"/> the way <see cref="TryParse"/> reads it back.</summary>
    public static string Format(TimeSpan value)
    {
        if (value.TotalMilliseconds < 1000 && value.Milliseconds > 0)
        {
            return $"{(long)value.TotalMilliseconds}ms";
        }
        var text = "";
        if ((long)value.TotalHours > 0) text += $"{(long)value.TotalHours}h";
        if (value.Minutes > 0) text += $"{value.Minutes}m";
        if (value.Seconds > 0 || text.Length == 0) text += $"{value.Seconds}s";
        return text;
    }
}
