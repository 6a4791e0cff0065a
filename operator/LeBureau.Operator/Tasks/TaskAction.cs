namespace LeBureau.Operator.Tasks;

/// <summary>What the task reconciler does before it writes the status of a <see cref="TaskPlan"/>.</summary>
public enum TaskAction
{
    /// <summary>Nothing but the status write (waiting, finishing, applying a review).</summary>
    None,

    /// <summary>Ask the agent about the task's run (GET runs/{uid}), then decide again with the answer.</summary>
    ObserveRun,

    /// <summary>Set the Desktop's spec.running to true (spec.startDesktop).</summary>
    StartDesktop,

    /// <summary>POST runs with <see cref="TaskPlan.Request"/>, then decide again with the answer.</summary>
    StartRun,

    /// <summary>POST runs/{uid}/cancel (spec.cancel, or the run outlived its timeout).</summary>
    CancelRun,
}
