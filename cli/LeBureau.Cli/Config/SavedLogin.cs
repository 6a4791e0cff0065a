namespace LeBureau.Cli.Config;

/// <summary>What <c>lebureau login</c> saves: the API's URL and the key (config.json, readable by the user only).</summary>
/// <param name="Url">The API, e.g. http://127.0.0.1:8080.</param>
/// <param name="Key">The API key (sk_live_…).</param>
public sealed record SavedLogin(string Url, string Key);
