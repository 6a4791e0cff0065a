using System.Text;
using k8s;
using k8s.Models;
using LeBureau.ControlPlane;
using LeBureau.Resources;

namespace LeBureau.Testing;

/// <summary>Creates an ApiKey and reads the plaintext the operator's ApiKey controller writes once into its Secret.</summary>
public static class IssuedApiKeys
{
    /// <summary>
    /// Creates ApiKey <paramref name="name"/> in <paramref name="ns"/> and waits up to <paramref name="timeout"/> for it to be
    /// issued; returns the plaintext, or null when it was not issued in time.
    /// </summary>
    public static async Task<string?> IssueAsync(Kubernetes client, string ns, string name, Capability[] capabilities,
        int? rateLimitPerMinute, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(client);
        await client.CustomObjects.CreateNamespacedCustomObjectAsync(new ApiKey
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new ApiKey.ApiKeySpec { Capabilities = capabilities, RateLimitPerMinute = rateLimitPerMinute },
        }, Desktop.Group, Desktop.Version, ns, ApiKey.Plural);
        string? key = null;
        await WaitFor.ConditionAsync(async ct =>
        {
            var current = await client.CustomObjects.GetNamespacedCustomObjectAsync<ApiKey>(Desktop.Group, Desktop.Version, ns, ApiKey.Plural, name, ct);
            if (current.Status is not { Phase: ApiKeyPhase.Active, SecretName: { } secret }) return false;
            var data = (await client.ReadNamespacedSecretAsync(secret, ns, cancellationToken: ct)).Data;
            key = data is not null && data.TryGetValue("apiKey", out var bytes) ? Encoding.UTF8.GetString(bytes) : null;
            return key is not null;
        }, timeout);
        return key;
    }
}
