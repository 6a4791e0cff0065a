using LeBureau.Cli.Hosting;

namespace LeBureau.Cli.Config;

/// <summary>Checks an API URL as the user typed it (pure): absolute, http or https.</summary>
public static class ApiUrl
{
    /// <param name="text">The URL.</param>
    /// <param name="source">Where it came from, for the message (--url, LEBUREAU_URL …).</param>
    public static Uri Parse(string text, string source)
    {
        if (Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url) && url.Scheme is "http" or "https" && url.Host.Length > 0) return url;
        throw new CliException(
            $"'{text}' ({source}) is not an API URL: give it with its scheme, e.g. http://127.0.0.1:8080 (what `lebureau up` prints as API)",
            ExitCodes.Usage);
    }
}
