using LeBureau.AgentContract;

namespace LeBureau.Operator.Tasks;

/// <summary>What the desktop agent said about a task's run.</summary>
/// <param name="Kind">Found, missing (404), busy (409 on start), rejected (422 on start) or unreachable.</param>
/// <param name="State">The run, when found.</param>
/// <param name="Error">Why the agent is busy or unreachable.</param>
public sealed record RunObservation(RunObservationKind Kind, RunState? State = null, string? Error = null)
{
    /// <summary>The agent knows no run of that id.</summary>
    public static RunObservation Missing { get; } = new(RunObservationKind.Missing);

    /// <summary>The agent answered with <paramref name="state"/>.</summary>
    public static RunObservation Found(RunState state) => new(RunObservationKind.Found, state);

    /// <summary>The agent refused to start the run for now (409: its chat agent answers another message).</summary>
    public static RunObservation Busy(string error) => new(RunObservationKind.Busy, null, error);

    /// <summary>The agent will never start the run (422: a prompt on a desktop whose chat agent is not configured).</summary>
    public static RunObservation Rejected(string error) => new(RunObservationKind.Rejected, null, error);

    /// <summary>The agent did not answer (connection refused, timeout, 5xx): transient.</summary>
    public static RunObservation Unreachable(string error) => new(RunObservationKind.Unreachable, null, error);
}
