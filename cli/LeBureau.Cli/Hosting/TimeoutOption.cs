using System.CommandLine;

namespace LeBureau.Cli.Hosting;

/// <summary>A <c>--timeout</c> option that takes <c>90s</c>, <c>5m</c> (see <see cref="DurationText"/>).</summary>
public static class TimeoutOption
{
    public static Option<TimeSpan> Create(string description, string defaultText) => new("--timeout")
    {
        Description = $"{description} (e.g. 90s, 5m) [default: {defaultText}]",
        HelpName = "duration",
        DefaultValueFactory = _ => DurationText.TryParse(defaultText)!.Value,
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : defaultText;
            if (DurationText.TryParse(text) is { } duration) return duration;
            result.AddError($"--timeout '{text}' is not a duration (90s, 5m, 1h)");
            return default;
        },
    };
}
