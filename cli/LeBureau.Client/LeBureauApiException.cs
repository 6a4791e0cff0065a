using System.Net;

namespace LeBureau.Client;

/// <summary>
/// The API refused or failed a request: the HTTP status and what the server said (ProblemDetails title and detail,
/// or the Cyberdesk surface's <c>error</c>). The message is fit to show a user; it never carries the API key.
/// </summary>
public sealed class LeBureauApiException : Exception
{
    public LeBureauApiException(HttpStatusCode status, string? title, string? detail, string? required = null, TimeSpan? retryAfter = null)
        : base(Describe(status, title, detail))
    {
        Status = status;
        Title = title;
        Detail = detail;
        Required = required;
        RetryAfter = retryAfter;
    }

    /// <summary>The HTTP status code.</summary>
    public HttpStatusCode Status { get; }

    /// <summary>The ProblemDetails title (a short phrase for the status).</summary>
    public string? Title { get; }

    /// <summary>What went wrong, in the server's words.</summary>
    public string? Detail { get; }

    /// <summary>On a 403 for a missing capability: the capability the route needs (<c>desktop:control</c> …).</summary>
    public string? Required { get; }

    /// <summary>On a 429: how long to wait before retrying.</summary>
    public TimeSpan? RetryAfter { get; }

    private static string Describe(HttpStatusCode status, string? title, string? detail) =>
        $"{(int)status} {title ?? status.ToString()}{(string.IsNullOrWhiteSpace(detail) ? "" : $": {detail}")}";
}
