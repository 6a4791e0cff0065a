using k8s;
using k8s.Models;

namespace LeBureau.Operator.Runtime;

/// <summary>
/// Writes the /status subresource only when the serialized status differs from the object's, with the object's
/// resourceVersion (optimistic concurrency). On 409 it rereads the object and computes the status again from
/// it, so neither a concurrent spec change nor a status written meanwhile (e.g. from a fresher pass) is lost.
/// </summary>
public sealed class StatusWriter<T, TStatus>(ResourceClient<T> client, int attempts = 5)
    where T : class, IKubernetesObject<V1ObjectMeta>, IStatus<TStatus>
{
    /// <summary>Writes <paramref name="status"/> onto <paramref name="current"/> unless equal; returns the object as stored (null when it is gone).</summary>
    public Task<T?> WriteAsync(T current, TStatus status, CancellationToken cancellationToken = default) =>
        WriteAsync(current, _ => status, cancellationToken);

    /// <summary>Writes <c>compute(object)</c> unless equal to the object's status, recomputing from the stored object after a 409.</summary>
    public async Task<T?> WriteAsync(T current, Func<T, TStatus> compute, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(compute);
        for (var attempt = 1; ; attempt++)
        {
            var wanted = KubernetesJson.Serialize(compute(current));
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
