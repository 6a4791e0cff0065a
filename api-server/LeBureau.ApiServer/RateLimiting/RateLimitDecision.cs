namespace LeBureau.ApiServer.RateLimiting;

/// <summary>
/// The sliding one-minute window, decided from what the window holds (pure). Redis runs the same rule
/// atomically (see <see cref="RedisRateLimiter"/>); this turns its reply into a verdict.
/// </summary>
public static class RateLimitDecision
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>The limit that applies: the key's own, else the global default.</summary>
    public static int LimitFor(int? keyLimit, int globalLimit) => keyLimit is > 0 ? keyLimit.Value : globalLimit;

    /// <param name="admitted">Whether the window had room (and took the request).</param>
    /// <param name="countInWindow">Requests in the window after the decision.</param>
    /// <param name="oldestInWindow">The oldest request still in the window.</param>
    /// <param name="limit">Requests per minute.</param>
    /// <param name="now">The clock.</param>
    public static RateLimitVerdict Decide(bool admitted, long countInWindow, DateTimeOffset? oldestInWindow, int limit, DateTimeOffset now)
    {
        var remaining = (int)Math.Max(0, limit - countInWindow);
        if (admitted) return new RateLimitVerdict(true, limit, remaining, 0);
        var frees = (oldestInWindow ?? now) + Window - now;
        var seconds = (int)Math.Ceiling(Math.Max(frees.TotalSeconds, 1));
        return new RateLimitVerdict(false, limit, 0, seconds);
    }
}
