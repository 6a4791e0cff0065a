using System.Net;
using System.Text.Json;
using LeBureau.Cli.Hosting;
using LeBureau.Client;

namespace LeBureau.Cli.Api;

/// <summary>What the user is told when a call to the API fails, with how to fix it, and the exit code (pure).</summary>
public static class ApiFailure
{
    /// <param name="exception">What the call threw.</param>
    /// <param name="url">The API it went to.</param>
    /// <param name="credentialSource">Where the key came from (<c>LEBUREAU_KEY</c>, the saved login …), for the 401 message.</param>
    public static CliException? From(Exception exception, Uri url, string credentialSource) => exception switch
    {
        LeBureauApiException e => FromStatus(e, url, credentialSource),
        HttpRequestException { StatusCode: null } e => new CliException(
            $"cannot reach the API at {url.ToString().TrimEnd('/')}: {Innermost(e).Message}. Is it running (`lebureau up` starts one here)? " +
            "Check the URL: `lebureau login --url <API URL> --key <key>`, or LEBUREAU_URL.", ExitCodes.Unreachable, e),
        JsonException e => new CliException(
            $"{url} does not answer like a Le Bureau API (its answer is not the expected JSON). Check the URL: it is what `lebureau up` prints as API, e.g. http://127.0.0.1:8080.",
            ExitCodes.Unreachable, e),
        _ => null,
    };

    private static CliException FromStatus(LeBureauApiException e, Uri url, string credentialSource) => e.Status switch
    {
        HttpStatusCode.Unauthorized => new(
            $"the API at {url} refused the key from {credentialSource} ({e.Message}): it is wrong, revoked or expired. " +
            "Log in with a valid key: `lebureau login --url <API URL> --key <key>` (a platform admin issues one with `lebureau keys create`).",
            ExitCodes.Unauthenticated, e),
        HttpStatusCode.Forbidden when e.Required is { } capability => new(
            $"the key may not do this: it lacks the capability {capability} ({e.Message}). Use a key with {capability} " +
            $"(`lebureau keys create --capability {capability} …`).", ExitCodes.Forbidden, e),
        HttpStatusCode.Forbidden => new(e.Message, ExitCodes.Forbidden, e),
        HttpStatusCode.NotFound => new(e.Message, ExitCodes.NotFound, e),
        HttpStatusCode.Conflict or HttpStatusCode.ServiceUnavailable => new(e.Message, ExitCodes.Conflict, e),
        HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity => new(e.Message, ExitCodes.Usage, e),
        HttpStatusCode.TooManyRequests => new(
            $"{e.Message}: the key's rate limit is reached{(e.RetryAfter is { } wait ? $"; retry in {Math.Ceiling(wait.TotalSeconds)} s" : "")}",
            ExitCodes.Error, e),
        _ => new(e.Message, ExitCodes.Error, e),
    };

    private static Exception Innermost(Exception e) => e.InnerException is null ? e : Innermost(e.InnerException);
}
