namespace LeBureau.ApiServer.Hosting;

/// <summary>The Redis shared by every replica (section <c>Redis</c>): rate-limit counters.</summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>A StackExchange.Redis configuration string; when empty, rate limiting is off (logged at start).</summary>
    public string? ConnectionString { get; set; }
}
