using LeBureau.Cli.Hosting;

namespace LeBureau.Cli.Config;

/// <summary>Which URL and key a command uses: LEBUREAU_URL and LEBUREAU_KEY, each over the saved login (pure).</summary>
public static class LoginResolution
{
    public const string UrlVariable = "LEBUREAU_URL";
    public const string KeyVariable = "LEBUREAU_KEY";

    public static SavedLogin Resolve(string? urlVariable, string? keyVariable, SavedLogin? saved)
    {
        var url = urlVariable ?? saved?.Url;
        var key = keyVariable ?? saved?.Key;
        if (url is null || key is null)
        {
            var missing = url is null && key is null ? "not logged in" : url is null ? $"no API URL ({KeyVariable} is set, {UrlVariable} is not)" : $"no API key ({UrlVariable} is set, {KeyVariable} is not)";
            throw new CliException(
                $"{missing}: run `lebureau login --url <API URL> --key <API key>`, or set {UrlVariable} and {KeyVariable}",
                ExitCodes.Unauthenticated);
        }
        return new SavedLogin(ApiUrl.Parse(url, urlVariable is not null ? UrlVariable : "the saved login").ToString().TrimEnd('/'), key.Trim());
    }
}
