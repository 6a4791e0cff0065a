using System.Text;
using k8s.Models;
using LeBureau.Operator.Runtime;
using LeBureau.Resources;
using Microsoft.Extensions.Logging;

namespace LeBureau.Operator.ApiKeys;

/// <summary>
/// Issues each ApiKey once: generates the plaintext, writes it into a Secret owned by the ApiKey (data.apiKey,
/// for a one-time read), keeps only its SHA-256 and display prefix in status; keeps phase and the Ready
/// condition in line with revocation and expiry, and requeues at expiry. Deleting the ApiKey deletes the Secret (GC).
/// </summary>
public sealed partial class ApiKeyReconciler(
    ResourceClient<ApiKey> keys, ResourceClient<V1Secret> secrets, TimeProvider time, ILogger<ApiKeyReconciler> logger) : IReconciler<ApiKey>
{
    private readonly StatusWriter<ApiKey, ApiKey.ApiKeyStatus> _status = new(keys);

    public static string SecretName(string apiKey) => $"{apiKey}-secret";

    public async Task<ReconcileResult> ReconcileAsync(ApiKey entity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (entity.Metadata.DeletionTimestamp is not null) return ReconcileResult.Success;
        var now = time.GetUtcNow();
        var secretName = entity.Status?.SecretName ?? SecretName(entity.Metadata.Name);
        var (hash, prefix) = entity.Status is { Hash: { Length: > 0 } h, Prefix: { } p } ? (h, p) : await IssueAsync(entity, secretName, cancellationToken);
        var status = ApiKeyStatusCalculator.Compute(entity, hash, prefix, secretName, now);
        if (entity.Status?.Phase != status.Phase) Log.Phase(logger, entity.Metadata.NamespaceProperty, entity.Metadata.Name, status.Phase.ToString()!);
        await _status.WriteAsync(entity, status, cancellationToken);
        return ApiKeyStatusCalculator.RequeueAfter(entity, now) is { } after ? ReconcileResult.RequeueAfter(after) : ReconcileResult.Success;
    }

    // The Secret is the source of truth until status holds the hash: a reconcile that created it but failed to
    // write status finds it again instead of issuing a second key.
    private async Task<(string Hash, string Prefix)> IssueAsync(ApiKey entity, string name, CancellationToken cancellationToken)
    {
        var ns = entity.Metadata.NamespaceProperty;
        var existing = await secrets.GetAsync(ns, name, cancellationToken);
        if (existing is not null && !OwnedBy(existing, entity))
        {
            // Never hand out a key this ApiKey did not issue: a leftover of a deleted ApiKey of the same name (its
            // holders were cut off by that deletion) is removed; anything else is not ours to touch.
            if (existing.Metadata.Labels?.TryGetValue(Labels.ManagedBy, out var manager) != true || manager != "lebureau-operator")
            {
                throw new InvalidOperationException($"Secret {ns}/{name} exists and was not created by the operator for this ApiKey; delete it or rename the ApiKey");
            }
            await secrets.DeleteAsync(ns, name, cancellationToken);
            Log.StaleSecretRemoved(logger, ns, entity.Metadata.Name, name);
            existing = null;
        }
        if (existing?.Data?.TryGetValue(ApiKey.SecretDataKey, out var bytes) == true)
        {
            var found = Encoding.UTF8.GetString(bytes);
            return (ApiKeyMaterial.Hash(found), ApiKeyMaterial.Prefix(found));
        }
        var key = ApiKeyMaterial.Generate();
        await secrets.CreateAsync(new V1Secret
        {
            ApiVersion = "v1",
            Kind = "Secret",
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = ns,
                Labels = new Dictionary<string, string> { [Labels.ApiKey] = entity.Metadata.Name, [Labels.Component] = "api-key", [Labels.ManagedBy] = "lebureau-operator" },
                OwnerReferences =
                [
                    new V1OwnerReference
                    {
                        ApiVersion = entity.ApiVersion, Kind = entity.Kind, Name = entity.Metadata.Name, Uid = entity.Metadata.Uid,
                        Controller = true, BlockOwnerDeletion = true,
                    },
                ],
            },
            Type = "Opaque",
            Data = new Dictionary<string, byte[]> { [ApiKey.SecretDataKey] = Encoding.UTF8.GetBytes(key) },
        }, cancellationToken);
        Log.Issued(logger, ns, entity.Metadata.Name, name);
        return (ApiKeyMaterial.Hash(key), ApiKeyMaterial.Prefix(key));
    }

    private static bool OwnedBy(V1Secret secret, ApiKey key) =>
        secret.Metadata.OwnerReferences?.Any(o => o.Uid == key.Metadata.Uid) == true;

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "apikey {Namespace}/{Name}: removed Secret {Secret} left by an earlier ApiKey of that name")]
        public static partial void StaleSecretRemoved(ILogger logger, string @namespace, string name, string secret);

        [LoggerMessage(Level = LogLevel.Information, Message = "apikey {Namespace}/{Name}: issued, plaintext in Secret {Secret}")]
        public static partial void Issued(ILogger logger, string @namespace, string name, string secret);

        [LoggerMessage(Level = LogLevel.Information, Message = "apikey {Namespace}/{Name}: {Phase}")]
        public static partial void Phase(ILogger logger, string @namespace, string name, string phase);
    }
}
