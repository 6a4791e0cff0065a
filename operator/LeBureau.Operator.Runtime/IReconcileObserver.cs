namespace LeBureau.Operator.Runtime;

/// <summary>Hears about every reconcile (the host maps it to metrics).</summary>
public interface IReconcileObserver
{
    /// <summary>One reconcile of <paramref name="controller"/> took <paramref name="duration"/> and ended with <paramref name="outcome"/>.</summary>
    void Reconciled(string controller, TimeSpan duration, ReconcileOutcome outcome);
}
