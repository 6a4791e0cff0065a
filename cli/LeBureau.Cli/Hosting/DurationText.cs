using System.Globalization;

namespace LeBureau.Cli.Hosting;

/// <summary>Durations as typed (pure): <c>90s</c>, <c>5m</c>, <c>12h</c>, <c>30d</c>; a bare number is seconds.</summary>
public static class DurationText
{
    public static TimeSpan? TryParse(string text)
    {
        text = text.Trim();
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return seconds > 0 ? TimeSpan.FromSeconds(seconds) : null;
        if (text.Length < 2 || !long.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount <= 0) return null;
        return text[^1] switch
        {
            's' => TimeSpan.FromSeconds(amount),
            'm' => TimeSpan.FromMinutes(amount),
            'h' => TimeSpan.FromHours(amount),
            'd' => TimeSpan.FromDays(amount),
            _ => null,
        };
    }
}
