using System.Net.Http.Headers;

namespace LeBureau.DesktopAgent.Chat.Providers;

/// <summary>
/// Remembers the Retry-After of the provider's latest answer. The Anthropic SDK's exceptions carry the status and
/// body but not the headers, and a rate-limited user needs to know when to come back. One chat turn runs at a time
/// per desktop, so "latest" is the failed call's.
/// </summary>
public sealed class RetryAfterCapture(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private long _ticks = -1;

    /// <summary>The latest answer's Retry-After, or null when it had none.</summary>
    public TimeSpan? Last => Interlocked.Read(ref _ticks) is var t and >= 0 ? TimeSpan.FromTicks(t) : null;

    /// <summary>Reads a Retry-After header (seconds or an HTTP date) against <paramref name="now"/>.</summary>
    public static TimeSpan? Parse(RetryConditionHeaderValue? header, DateTimeOffset now) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
        _ => null,
    };

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        Interlocked.Exchange(ref _ticks, Parse(response.Headers.RetryAfter, DateTimeOffset.UtcNow)?.Ticks ?? -1);
        return response;
    }
}
