using LeBureau.ApiServer.Auth;
using LeBureau.Resources;

namespace LeBureau.Cli.Keys;

/// <summary>An ApiKey as the <c>keys</c> commands print it; <see cref="Key"/> only once, right after <c>keys create</c>.</summary>
public sealed record KeyView(
    string Namespace,
    string Name,
    string? Prefix,
    IReadOnlyList<string> Capabilities,
    string Phase,
    string? Description,
    DateTimeOffset? ExpiresAt,
    int? RateLimitPerMinute,
    DateTimeOffset? CreatedAt,
    string? Key = null)
{
    public static KeyView Of(ApiKey key, string? plaintext = null) => new(
        key.Metadata.NamespaceProperty,
        key.Metadata.Name,
        key.Status?.Prefix,
        CapabilityPolicy.Names(key.Spec.Capabilities),
        key.Spec.Revoked ? nameof(ApiKeyPhase.Revoked) : key.Status?.Phase?.ToString() ?? nameof(ApiKeyPhase.Pending),
        key.Spec.Description,
        key.Spec.ExpiresAt,
        key.Spec.RateLimitPerMinute,
        key.Metadata.CreationTimestamp is { } created ? new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc)) : null,
        plaintext);
}
