using System.Text.Json.Serialization;

namespace LeBureau.Resources;

/// <summary>Whether an API key authenticates.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ApiKeyPhase>))]
public enum ApiKeyPhase
{
    /// <summary>The key has been requested; the operator has not generated it yet.</summary>
    Pending,

    /// <summary>The key authenticates.</summary>
    Active,

    /// <summary>spec.expiresAt has passed: the key no longer authenticates.</summary>
    Expired,

    /// <summary>spec.revoked is true: the key no longer authenticates.</summary>
    Revoked,
}
