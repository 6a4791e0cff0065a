namespace LeBureau.ApiServer.RateLimiting;

/// <summary>The outcome of a rate-limit check.</summary>
/// <param name="Allowed">Whether the request goes through.</param>
/// <param name="Limit">Requests per minute of the key.</param>
/// <param name="Remaining">Requests left in the current window.</param>
/// <param name="RetryAfterSeconds">When refused: seconds until a slot frees up (≥ 1).</param>
public sealed record RateLimitVerdict(bool Allowed, int Limit, int Remaining, int RetryAfterSeconds);
