namespace LeBureau.Client;

/// <summary>The caller, as <c>GET /v1/me</c> shows it.</summary>
/// <param name="Id">The user id: the tenant namespace.</param>
/// <param name="Namespace">The Kubernetes namespace holding the user's desktops, tasks and keys.</param>
/// <param name="KeyName">The ApiKey in use.</param>
/// <param name="KeyPrefix">Its display prefix.</param>
/// <param name="Capabilities">The capabilities of the key in use (<c>desktop:read</c> …).</param>
public sealed record Me(string Id, string Namespace, string KeyName, string? KeyPrefix, IReadOnlyList<string> Capabilities)
{
    /// <summary>True when the key holds <paramref name="capability"/>.</summary>
    public bool Has(string capability) => Capabilities.Contains(capability, StringComparer.Ordinal);
}
