using k8s;
using k8s.Models;
using LeBureau.ApiServer.Cache;
using LeBureau.ApiServer.Hosting;
using LeBureau.Resources;

namespace LeBureau.ApiServer.Desktops;

/// <summary>Writes Desktops (and their provider Secrets) to the Kubernetes API; applies each result to the cache for read-your-writes.</summary>
internal sealed class DesktopWriter(IKubernetes client, ResourceCaches caches, ILogger<DesktopWriter> logger)
{
    public const string ProviderKey = "apiKey";
    public const string EmbeddingsKey = "embeddingsApiKey";

    /// <summary>
    /// Creates a desktop with a generated name. With provider keys: the Desktop references a new Secret,
    /// created next and owned by the Desktop; if that fails the Desktop is deleted again (no partial change).
    /// </summary>
    public async Task<Desktop> CreateAsync(string ns, Desktop.DesktopSpec spec, ProviderConfigRequest? provider, CancellationToken cancellationToken)
    {
        var secretName = provider is null ? null : $"provider-{Guid.NewGuid():N}"[..25];
        if (provider is not null)
        {
            spec.Provider = new Desktop.ProviderSpec
            {
                Name = provider.Provider!.Value,
                Model = provider.Model,
                SecretRef = new SecretKeyRef { Name = secretName!, Key = ProviderKey },
                Embeddings = provider.EmbeddingsModel is null && provider.EmbeddingsApiKey is null ? null : new Desktop.EmbeddingsSpec
                {
                    Model = provider.EmbeddingsModel,
                    SecretRef = provider.EmbeddingsApiKey is null ? null : new SecretKeyRef { Name = secretName!, Key = EmbeddingsKey },
                },
            };
        }

        var desktop = await client.CustomObjects.CreateNamespacedCustomObjectAsync<Desktop>(
            new Desktop { Metadata = new V1ObjectMeta { GenerateName = "desktop-" }, Spec = spec },
            Desktop.Group, Desktop.Version, ns, Desktop.Plural, cancellationToken: cancellationToken);
        if (provider is not null)
        {
            try
            {
                await client.CoreV1.CreateNamespacedSecretAsync(ProviderSecret(desktop, secretName!, provider), ns, cancellationToken: cancellationToken);
            }
            catch (Exception e)
            {
                ApiServerLog.ProviderSecretFailed(logger, e, ns, desktop.Metadata.Name);
                await DeleteAsync(desktop, CancellationToken.None);
                throw;
            }
        }

        caches.Desktops.Upsert(desktop);
        ApiServerLog.DesktopCreated(logger, ns, desktop.Metadata.Name, DesktopStatusMapping.Tier(spec.Tier));
        return desktop;
    }

    /// <summary>Merge-patches the spec, guarded by the cached resourceVersion so a concurrent change answers 409.</summary>
    public async Task<Desktop> PatchSpecAsync(Desktop desktop, object spec, CancellationToken cancellationToken)
    {
        var patch = new { metadata = new { resourceVersion = desktop.Metadata.ResourceVersion }, spec };
        var patched = await client.CustomObjects.PatchNamespacedCustomObjectAsync<Desktop>(
            new V1Patch(KubernetesJson.Serialize(patch), V1Patch.PatchType.MergePatch),
            Desktop.Group, Desktop.Version, desktop.Metadata.NamespaceProperty, Desktop.Plural, desktop.Metadata.Name,
            cancellationToken: cancellationToken);
        caches.Desktops.Upsert(patched);
        return patched;
    }

    public async Task DeleteAsync(Desktop desktop, CancellationToken cancellationToken)
    {
        try
        {
            await client.CustomObjects.DeleteNamespacedCustomObjectAsync(
                Desktop.Group, Desktop.Version, desktop.Metadata.NamespaceProperty, Desktop.Plural, desktop.Metadata.Name,
                propagationPolicy: "Background", cancellationToken: cancellationToken);
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
        }
    }

    private static V1Secret ProviderSecret(Desktop owner, string name, ProviderConfigRequest provider)
    {
        var data = new Dictionary<string, string> { [ProviderKey] = provider.ApiKey! };
        if (provider.EmbeddingsApiKey is { } embeddings) data[EmbeddingsKey] = embeddings;
        return new V1Secret
        {
            Metadata = new V1ObjectMeta
            {
                Name = name,
                Labels = new Dictionary<string, string> { [Labels.Desktop] = owner.Metadata.Name, [Labels.Component] = "provider-key" },
                OwnerReferences =
                [
                    new V1OwnerReference { ApiVersion = owner.ApiVersion, Kind = owner.Kind, Name = owner.Metadata.Name, Uid = owner.Metadata.Uid },
                ],
            },
            Type = "Opaque",
            StringData = data,
        };
    }
}
