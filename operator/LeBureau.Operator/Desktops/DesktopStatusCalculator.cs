using LeBureau.Operator.Machines;
using LeBureau.Resources;

namespace LeBureau.Operator.Desktops;

/// <summary>
/// Computes a desktop's status from what was observed: the phase from the desired power state and the machine's
/// state, the Ready/VMReady/AgentReady conditions with reasons, and the addresses while running. Pure.
/// </summary>
public static class DesktopStatusCalculator
{
    /// <summary>The phase for a desired power state and an observed machine state.</summary>
    public static DesktopPhase Phase(bool wantRunning, MachineState machine, DesktopPhase? previous) => (wantRunning, machine) switch
    {
        (_, MachineState.Failed) => DesktopPhase.Error,
        (true, MachineState.Running) => DesktopPhase.Running,
        (true, MachineState.Absent) when previous is null or DesktopPhase.Pending => DesktopPhase.Pending,
        (true, _) => DesktopPhase.Booting,
        (false, MachineState.Stopped or MachineState.Absent) => DesktopPhase.Stopped,
        (false, _) => DesktopPhase.Stopping,
    };

    /// <summary>The new status of <paramref name="desktop"/>.</summary>
    public static Desktop.DesktopStatus Compute(Desktop desktop, MachineObservation? machine, bool agentReady, int agentPort,
        DesktopProblem? problem, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(desktop);
        var old = desktop.Status;
        var generation = desktop.Metadata.Generation;
        var conditions = old.Conditions?.Select(Copy).ToList() ?? [];
        var status = new Desktop.DesktopStatus
        {
            ObservedGeneration = generation,
            ObservedRestartedAt = old.ObservedRestartedAt,
            LastActivityAt = IdlePolicy.ParseActivity(desktop) ?? old.LastActivityAt,
            VmName = machine?.Name ?? old.VmName,
            Conditions = conditions,
        };
        if (problem is not null || machine is null)
        {
            var reason = problem?.Reason ?? ConditionReasons.RuntimeFailed;
            status.Phase = DesktopPhase.Error;
            status.Message = problem?.Message ?? "the runtime reported nothing";
            ConditionList.Set(conditions, ConditionTypes.Ready, false, reason, status.Message, generation, now);
            ConditionList.Set(conditions, ConditionTypes.VMReady, false, reason, status.Message, generation, now);
            ConditionList.Set(conditions, ConditionTypes.AgentReady, false, reason, status.Message, generation, now);
            return status;
        }
        status.Phase = Phase(desktop.Spec.Running, machine.State, old.Phase);
        var running = status.Phase == DesktopPhase.Running;
        var ready = running && agentReady;
        status.Message = machine.State == MachineState.Failed ? machine.Message : null;
        status.IpAddress = running ? machine.IpAddress : null;
        status.AgentEndpoint = running && machine.IpAddress is not null ? $"http://{machine.IpAddress}:{agentPort}" : null;
        status.AgentReady = ready;
        status.StartedAt = running ? (old.Phase == DesktopPhase.Running && old.StartedAt is not null ? old.StartedAt : Truncate(now)) : old.StartedAt;
        var machineReason = machine.State switch
        {
            MachineState.Running => ConditionReasons.MachineRunning,
            MachineState.Failed => ConditionReasons.RuntimeFailed,
            _ when !desktop.Spec.Running && ConditionList.IsTrue(conditions, ConditionTypes.IdleStopped) => ConditionReasons.IdleTimeout,
            _ when !desktop.Spec.Running => ConditionReasons.StoppedBySpec,
            _ => ConditionReasons.Provisioning,
        };
        ConditionList.Set(conditions, ConditionTypes.VMReady, machine.State == MachineState.Running, machineReason, machine.Message, generation, now);
        ConditionList.Set(conditions, ConditionTypes.AgentReady, ready,
            ready ? ConditionReasons.AgentResponding : running ? ConditionReasons.AgentNotResponding : machineReason, null, generation, now);
        ConditionList.Set(conditions, ConditionTypes.Ready, ready, ready ? ConditionReasons.AgentResponding : running ? ConditionReasons.AgentNotResponding : machineReason,
            null, generation, now);
        if (desktop.Spec.Running && ConditionList.IsTrue(conditions, ConditionTypes.IdleStopped))
        {
            ConditionList.Set(conditions, ConditionTypes.IdleStopped, false, ConditionReasons.Provisioning, null, generation, now);
        }
        return status;
    }

    /// <summary>The status of a desktop that waits for something before it can start: Pending, not ready, saying why.</summary>
    public static Desktop.DesktopStatus Waiting(Desktop desktop, DesktopProblem reason, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(desktop);
        ArgumentNullException.ThrowIfNull(reason);
        var generation = desktop.Metadata.Generation;
        var conditions = desktop.Status.Conditions?.Select(Copy).ToList() ?? [];
        foreach (var type in new[] { ConditionTypes.Ready, ConditionTypes.VMReady, ConditionTypes.AgentReady })
        {
            ConditionList.Set(conditions, type, false, reason.Reason, reason.Message, generation, now);
        }
        return new Desktop.DesktopStatus
        {
            Phase = DesktopPhase.Pending,
            Message = reason.Message,
            ObservedGeneration = generation,
            ObservedRestartedAt = desktop.Status.ObservedRestartedAt,
            LastActivityAt = desktop.Status.LastActivityAt,
            Conditions = conditions,
        };
    }

    private static Condition Copy(Condition c) => new()
    {
        Type = c.Type, Status = c.Status, Reason = c.Reason, Message = c.Message,
        LastTransitionTime = c.LastTransitionTime, ObservedGeneration = c.ObservedGeneration,
    };

    private static DateTimeOffset Truncate(DateTimeOffset t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerSecond, t.Offset);
}
