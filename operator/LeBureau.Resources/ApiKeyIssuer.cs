using System.Net;
using System.Text;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace LeBureau.Resources;

/// <summary>
/// Creates an ApiKey, waits until the operator has issued it, and reads the plaintext from its one-time Secret
/// (the client side of the operator's ApiKey controller). Never logs the key.
/// </summary>
public static class ApiKeyIssuer
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Creates ApiKey <paramref name="name"/> in <paramref name="ns"/> with <paramref name="spec"/> and returns its plaintext
    /// once the operator has issued it. Throws <see cref="TimeoutException"/> when that takes longer than <paramref name="timeout"/>.
    /// </summary>
    public static async Task<string> IssueAsync(IKubernetes client, string ns, string name, ApiKey.ApiKeySpec spec,
        TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(ns);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(spec);
        await client.CustomObjects.CreateNamespacedCustomObjectAsync(
            new ApiKey { Metadata = new V1ObjectMeta { Name = name }, Spec = spec },
            Desktop.Group, Desktop.Version, ns, ApiKey.Plural, cancellationToken: cancellationToken);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            while (true)
            {
                if (await ReadIssuedAsync(client, ns, name, deadline.Token) is { } key) return key;
                await Task.Delay(PollInterval, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"ApiKey {ns}/{name} was not issued within {timeout.TotalSeconds:0.#} s; is the operator running?");
        }
    }

    /// <summary>The plaintext once status names the Secret (the reconciler writes the Secret first); null before.</summary>
    private static async Task<string?> ReadIssuedAsync(IKubernetes client, string ns, string name, CancellationToken cancellationToken)
    {
        var key = await client.CustomObjects.GetNamespacedCustomObjectAsync<ApiKey>(
            Desktop.Group, Desktop.Version, ns, ApiKey.Plural, name, cancellationToken);
        if (key.Status is not { Hash.Length: > 0, SecretName: { } secretName }) return null;
        V1Secret secret;
        try
        {
            secret = await client.CoreV1.ReadNamespacedSecretAsync(secretName, ns, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new InvalidOperationException($"ApiKey {ns}/{name} was issued, but its one-time Secret {secretName} is gone", e);
        }
        return secret.Data?.TryGetValue(ApiKey.SecretDataKey, out var bytes) == true
            ? Encoding.UTF8.GetString(bytes)
            : throw new InvalidOperationException($"ApiKey {ns}/{name} was issued, but Secret {secretName} has no data.{ApiKey.SecretDataKey}");
    }
}
