using LeBureau.Resources;

namespace LeBureau.Operator.ApiKeys;

/// <summary>The status an ApiKey should have (pure): phase from revocation and expiry, a Ready condition, and the issued hash/prefix.</summary>
public static class ApiKeyStatusCalculator
{
    public static ApiKey.ApiKeyStatus Compute(ApiKey key, string hash, string prefix, string secretName, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(key);
        var phase = PhaseAt(key, now);
        var (status, reason, message) = phase switch
        {
            ApiKeyPhase.Revoked => (ConditionStatus.False, ConditionReasons.Revoked, "The key was revoked."),
            ApiKeyPhase.Expired => (ConditionStatus.False, ConditionReasons.KeyExpired, $"The key expired at {key.Spec.ExpiresAt:O}."),
            _ => (ConditionStatus.True, ConditionReasons.KeyIssued, $"Read the key once from Secret {secretName} (data.apiKey), then delete the Secret."),
        };
        var previous = key.Status?.Conditions?.FirstOrDefault(c => c.Type == ConditionTypes.Ready);
        var ready = new Condition
        {
            Type = ConditionTypes.Ready,
            Status = status,
            Reason = reason,
            Message = message,
            LastTransitionTime = previous is not null && previous.Status == status ? previous.LastTransitionTime : now,
            ObservedGeneration = key.Metadata.Generation,
        };
        return new ApiKey.ApiKeyStatus
        {
            Phase = phase,
            Hash = hash,
            Prefix = prefix,
            SecretName = secretName,
            ObservedGeneration = key.Metadata.Generation,
            Conditions = [ready],
        };
    }

    public static ApiKeyPhase PhaseAt(ApiKey key, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Spec.Revoked) return ApiKeyPhase.Revoked;
        if (key.Spec.ExpiresAt is { } expires && expires <= now) return ApiKeyPhase.Expired;
        return ApiKeyPhase.Active;
    }

    /// <summary>When to look again: at expiry of an active key, else never.</summary>
    public static TimeSpan? RequeueAfter(ApiKey key, DateTimeOffset now) =>
        PhaseAt(key, now) == ApiKeyPhase.Active && key.Spec.ExpiresAt is { } expires ? expires - now + TimeSpan.FromMilliseconds(50) : null;
}
