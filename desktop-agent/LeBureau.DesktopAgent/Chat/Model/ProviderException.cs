namespace LeBureau.DesktopAgent.Chat.Model;

/// <summary>
/// A provider call failed. The message is ours, written for the user, and never carries the key or the
/// provider's raw response (which may echo request content).
/// </summary>
public sealed class ProviderException : Exception
{
    public ProviderException(ChatErrorCode code, string message, int? providerStatus = null, TimeSpan? retryAfter = null, Exception? inner = null)
        : base(message, inner)
    {
        Code = code;
        ProviderStatus = providerStatus;
        RetryAfter = retryAfter;
    }

    public ProviderException()
        : this(ChatErrorCode.ProviderError, "the provider call failed")
    {
    }

    public ProviderException(string message)
        : this(ChatErrorCode.ProviderError, message)
    {
    }

    public ProviderException(string message, Exception inner)
        : this(ChatErrorCode.ProviderError, message, inner: inner)
    {
    }

    /// <summary>What kind of failure.</summary>
    public ChatErrorCode Code { get; }

    /// <summary>The provider's HTTP status, when it answered.</summary>
    public int? ProviderStatus { get; }

    /// <summary>The provider's Retry-After, when it gave one.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Maps a provider's HTTP status to an error, with the provider named in the message.</summary>
    public static ProviderException FromStatus(string provider, int status, TimeSpan? retryAfter, Exception? inner) => status switch
    {
        401 or 403 => new ProviderException(ChatErrorCode.ProviderAuth, $"{provider} rejected the desktop's API key (HTTP {status}); check providerConfig.apiKey", status, null, inner),
        429 => new ProviderException(ChatErrorCode.ProviderRateLimited,
            $"{provider} rate-limited the desktop's API key (HTTP 429){(retryAfter is { } wait ? $"; retry after {wait.TotalSeconds:0} s" : "")}", status, retryAfter, inner),
        >= 500 => new ProviderException(ChatErrorCode.ProviderError, $"{provider} failed (HTTP {status}); try again later", status, retryAfter, inner),
        _ => new ProviderException(ChatErrorCode.ProviderError, $"{provider} refused the request (HTTP {status})", status, null, inner),
    };
}
