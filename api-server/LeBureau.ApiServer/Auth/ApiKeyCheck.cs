using LeBureau.Resources;

namespace LeBureau.ApiServer.Auth;

/// <summary>Whether a cached ApiKey authenticates a request at a given time (pure).</summary>
public static class ApiKeyCheck
{
    /// <summary>The caller the key stands for, or null when it must be refused (unknown, revoked, expired, not yet issued).</summary>
    public static Caller? Evaluate(ApiKey? key, DateTimeOffset now)
    {
        if (key is null || key.Metadata.DeletionTimestamp is not null) return null;
        if (key.Spec.Revoked || key.Status?.Phase is ApiKeyPhase.Revoked or ApiKeyPhase.Expired) return null;
        if (key.Spec.ExpiresAt is { } expires && expires <= now) return null;
        if (string.IsNullOrEmpty(key.Status?.Hash)) return null;
        return new Caller(
            key.Metadata.NamespaceProperty, key.Metadata.Name, key.Metadata.Uid ?? key.Metadata.Name, key.Status.Prefix,
            key.Spec.Capabilities.ToHashSet(), key.Spec.RateLimitPerMinute);
    }
}
