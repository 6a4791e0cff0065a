using k8s;
using LeBureau.Resources;

namespace LeBureau.Testing;

/// <summary>API keys for tests, issued by the operator's ApiKey controller through the product's <see cref="ApiKeyIssuer"/>.</summary>
public static class IssuedApiKeys
{
    /// <summary>
    /// Creates ApiKey <paramref name="name"/> in <paramref name="ns"/> and returns its plaintext once issued; throws
    /// <see cref="TimeoutException"/> when that takes longer than <paramref name="timeout"/>.
    /// </summary>
    public static Task<string> IssueAsync(IKubernetes client, string ns, string name, Capability[] capabilities,
        int? rateLimitPerMinute, TimeSpan timeout) =>
        ApiKeyIssuer.IssueAsync(client, ns, name,
            new ApiKey.ApiKeySpec { Capabilities = capabilities, RateLimitPerMinute = rateLimitPerMinute }, timeout);
}
