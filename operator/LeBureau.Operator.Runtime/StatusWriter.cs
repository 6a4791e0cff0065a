using k8s;
using k8s.Models;

namespace LeBureau.Operator.Runtime;

/// <summary>
/// Writes the /status subresource only when the serialized status differs from the object's, with the object's
/// resourceVersion (optimistic concurrency); on 409 it rereads the object and tries again, so no concurrent
/// spec change is overwritten and no status is lost.
/// </summary>
public sealed class StatusWriter<T, TStatus>(ResourceClient<T> client, int attempts = 5)
    where T : class, IKubernetesObject<V1ObjectMeta>, IStatus<TStatus>
{
    /// <summary>Writes <paramref name="status"/> onto <paramref name="current"/> unless equal; returns the object as stored (null when it is gone).</summary>
    public async Task<T?> WriteAsync(T current, TStatus status, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(current);
        var wanted = KubernetesJson.Serialize(status);
        for (var attempt = 1; ; attempt++)
        {
            if (KubernetesJson.Serialize(current.Status) == wanted) return current;
            var copy = KubernetesJson.Deserialize<T>(KubernetesJson.Serialize(current));
            copy.Status = KubernetesJson.Deserialize<TStatus>(wanted);
            try
            {
                return await client.ReplaceStatusAsync(copy, cancellationToken);
            }
            catch (KubeApiException e) when (e.IsConflict && attempt < attempts)
            {
                var latest = await client.GetAsync(current.Metadata.NamespaceProperty, current.Metadata.Name, cancellationToken);
                if (latest is null) return null;
                current = latest;
            }
            catch (KubeApiException e) when (e.IsNotFound)
            {
                return null;
            }
        }
    }
}
