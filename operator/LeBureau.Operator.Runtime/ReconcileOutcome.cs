namespace LeBureau.Operator.Runtime;

/// <summary>How one reconcile ended, for metrics.</summary>
public enum ReconcileOutcome
{
    /// <summary>Success, possibly with a requeue.</summary>
    Success,

    /// <summary>A returned failure.</summary>
    Failure,

    /// <summary>An exception.</summary>
    Error,
}
