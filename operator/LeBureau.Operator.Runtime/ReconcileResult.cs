namespace LeBureau.Operator.Runtime;

/// <summary>
/// What a reconcile asks of the queue: nothing more (<see cref="Success"/>), another pass after a delay
/// (<see cref="RequeueAfter"/>), or a retry of a failure — with per-key backoff, or after a given delay.
/// </summary>
public sealed record ReconcileResult
{
    private ReconcileResult(TimeSpan? delay, string? error)
    {
        Delay = delay;
        Error = error;
    }

    /// <summary>When to reconcile again; null means on the next change only (or after backoff, for a failure).</summary>
    public TimeSpan? Delay { get; }

    /// <summary>The failure message; null on success.</summary>
    public string? Error { get; }

    /// <summary>True for a failure.</summary>
    public bool IsFailure => Error is not null;

    /// <summary>Done until the object or one of its children changes.</summary>
    public static ReconcileResult Success { get; } = new(null, null);

    /// <summary>Done for now; reconcile again after <paramref name="delay"/> (time-based work such as idle checks).</summary>
    public static ReconcileResult RequeueAfter(TimeSpan delay) => new(delay, null);

    /// <summary>Failed: retried after <paramref name="requeueAfter"/> when given, else with per-key exponential backoff.</summary>
    public static ReconcileResult Failure(string message, TimeSpan? requeueAfter = null) =>
        new(requeueAfter, message ?? throw new ArgumentNullException(nameof(message)));
}
