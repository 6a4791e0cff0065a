namespace LeBureau.Operator.Tasks;

/// <summary>The kinds of <see cref="RunObservation"/>.</summary>
public enum RunObservationKind
{
    /// <summary>The agent has the run.</summary>
    Found,

    /// <summary>The agent has no run of that id (404).</summary>
    Missing,

    /// <summary>The agent cannot start it now (409).</summary>
    Busy,

    /// <summary>The agent refuses the run for good (422: a prompt and no chat provider).</summary>
    Rejected,

    /// <summary>No answer; retried.</summary>
    Unreachable,
}
