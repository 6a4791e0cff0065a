using k8s;
using k8s.Models;

namespace LeBureau.Operator.Runtime;

/// <summary>Brings the world in line with one object. Called with the cached object; a deleted object is not reconciled.</summary>
public interface IReconciler<in T> where T : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>Reconciles <paramref name="entity"/>; exceptions count as failures (retried with backoff).</summary>
    Task<ReconcileResult> ReconcileAsync(T entity, CancellationToken cancellationToken);
}
