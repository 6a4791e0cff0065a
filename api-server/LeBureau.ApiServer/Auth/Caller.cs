using LeBureau.Resources;

namespace LeBureau.ApiServer.Auth;

/// <summary>The authenticated caller: the tenant (the key's namespace) and what the key allows.</summary>
/// <param name="Namespace">The tenant.</param>
/// <param name="KeyName">The ApiKey's metadata.name.</param>
/// <param name="KeyUid">The ApiKey's uid (the rate-limit bucket).</param>
/// <param name="KeyPrefix">The display prefix of the key.</param>
/// <param name="Capabilities">What the key may do.</param>
/// <param name="RateLimitPerMinute">The key's own limit, when set.</param>
public sealed record Caller(
    string Namespace, string KeyName, string KeyUid, string? KeyPrefix, IReadOnlySet<Capability> Capabilities, int? RateLimitPerMinute);
