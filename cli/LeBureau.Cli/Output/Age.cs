namespace LeBureau.Cli.Output;

/// <summary>kubectl's AGE column (pure): 42s, 5m, 3h, 2d.</summary>
public static class Age
{
    public static string Format(DateTimeOffset? since, DateTimeOffset now)
    {
        if (since is not { } start) return "";
        var age = now - start;
        return age.TotalSeconds < 60 ? $"{Math.Max(0, (int)age.TotalSeconds)}s"
            : age.TotalMinutes < 60 ? $"{(int)age.TotalMinutes}m"
            : age.TotalHours < 48 ? $"{(int)age.TotalHours}h"
            : $"{(int)age.TotalDays}d";
    }
}
