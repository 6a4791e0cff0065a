using LeBureau.AgentContract;
using LeBureau.Operator.Desktops;
using LeBureau.Resources;

namespace LeBureau.Operator.Tasks;

/// <summary>
/// The decisions of mission control (pure, clock injected): from a task, its desktop, the other tasks of that desktop
/// and what the agent said about the task's run, the action to take and the status to write. Phases: a new task is
/// pending; with spec.run it runs when its turn comes (one task per desktop at a time, in creation order) and the
/// desktop is ready; a finished run is done, failed or cancelled — or in review when it needs approval, until
/// spec.decision. Terminal phases never change.
/// </summary>
public static class TaskPolicy
{
    /// <summary>How long past its timeout (from startedAt) a run may still report running before the operator cancels it.</summary>
    public static readonly TimeSpan TimeoutGrace = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often a running task's run is asked about: a safety net (its output so far, a lost answer), since the
    /// <see cref="RunWatcher"/> puts the task back on the queue the moment its run ends.
    /// </summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(10);

    /// <summary>How soon a task waiting for its desktop's agent, or for an unreachable agent, looks again.</summary>
    public static readonly TimeSpan NotReadyRetry = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a task whose desktop does not exist waits before failing: a task and its desktop applied together
    /// (one kubectl apply) may reach the operator's cache in either order.
    /// </summary>
    public static readonly TimeSpan DesktopGrace = TimeSpan.FromSeconds(5);

    /// <summary>The timeout when spec.timeout is absent or unreadable.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(30);

    /// <summary>The longest run the agent accepts (RunRequest.TimeoutMs).</summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromMilliseconds(86_400_000);

    /// <summary>True for done, failed and cancelled.</summary>
    public static bool IsTerminal(TaskPhase? phase) => phase is TaskPhase.Done or TaskPhase.Failed or TaskPhase.Cancelled;

    /// <summary>
    /// The order of the tasks of one desktop: creation time (whole seconds), then the api-server's precise creation time
    /// (<see cref="Annotations.CreatedAt"/>) when both have it, then name.
    /// </summary>
    public static int Compare(DesktopTask a, DesktopTask b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var byTime = Nullable.Compare(a.Metadata.CreationTimestamp, b.Metadata.CreationTimestamp);
        if (byTime != 0) return byTime;
        var byPreciseTime = Nullable.Compare(CreatedAt(a), CreatedAt(b));
        return byPreciseTime != 0 ? byPreciseTime : string.CompareOrdinal(a.Metadata.Name, b.Metadata.Name);
    }

    private static DateTimeOffset? CreatedAt(DesktopTask task) =>
        task.Metadata.Annotations?.TryGetValue(Annotations.CreatedAt, out var text) == true
        && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var at)
            ? at
            : null;

    /// <summary>
    /// The task of a desktop that runs next: the first in queue order (<see cref="Compare"/>) that asks to run, is not
    /// cancelled and has not started; null when none waits.
    /// </summary>
    public static DesktopTask? Next(IEnumerable<DesktopTask> siblings)
    {
        ArgumentNullException.ThrowIfNull(siblings);
        return siblings.Where(t => t.Status?.Phase is null or TaskPhase.Pending && t.Spec.Run && !t.Spec.Cancel)
            .OrderBy(t => t, Comparer<DesktopTask>.Create(Compare)).FirstOrDefault();
    }

    /// <summary>The task's run timeout (spec.timeout, default 30m, at most 24 h).</summary>
    public static TimeSpan Timeout(DesktopTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var timeout = Duration.TryParse(task.Spec.Timeout, out var t) && t > TimeSpan.Zero ? t : DefaultTimeout;
        return timeout > MaxTimeout ? MaxTimeout : timeout;
    }

    /// <summary>Decides what to do with <paramref name="task"/>.</summary>
    /// <param name="task">The task.</param>
    /// <param name="desktop">Its desktop from the cache; null when there is none.</param>
    /// <param name="siblings">The tasks of that desktop (the task itself may be among them).</param>
    /// <param name="run">What the agent said about the task's run; null when not asked yet (the plan may then be <see cref="TaskAction.ObserveRun"/>).</param>
    /// <param name="now">The time.</param>
    public static TaskPlan Decide(DesktopTask task, Desktop? desktop, IEnumerable<DesktopTask> siblings, RunObservation? run, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(siblings);
        var plan = DecideCore(task, desktop, siblings, run, now);
        // An empty list would serialize differently from the absent one and make every status look changed.
        if (plan.Status.Conditions is { Count: 0 }) plan.Status.Conditions = null;
        return plan;
    }

    private static TaskPlan DecideCore(DesktopTask task, Desktop? desktop, IEnumerable<DesktopTask> siblings, RunObservation? run, DateTimeOffset now)
    {
        var current = task.Status ?? new DesktopTask.DesktopTaskStatus();
        if (IsTerminal(current.Phase)) return new TaskPlan(TaskAction.None, current);

        var status = Copy(current);
        status.ObservedGeneration = task.Metadata.Generation;
        var conditions = (List<Condition>)status.Conditions!;
        var generation = task.Metadata.Generation;

        if (current.Phase is null)
        {
            // The first status is pending alone: task.created goes out before anything else happens to the task.
            status.Phase = TaskPhase.Pending;
            return new TaskPlan(TaskAction.None, status);
        }

        if (current.Phase == TaskPhase.Review) return Review(task, status, now);

        var desktopName = task.Spec.DesktopRef;
        var running = current.Phase == TaskPhase.Running;
        var ready = desktop is { Metadata.DeletionTimestamp: null, Status: { Phase: DesktopPhase.Running, AgentReady: true, AgentEndpoint: not null } };

        if (task.Spec.Cancel)
        {
            if (running && ready && run?.Kind != RunObservationKind.Unreachable)
            {
                return new TaskPlan(TaskAction.CancelRun, Finish(status, TaskPhase.Cancelled, ConditionReasons.Cancelled, "cancelled", generation, now));
            }
            return new TaskPlan(TaskAction.None, Finish(status, TaskPhase.Cancelled, ConditionReasons.Cancelled, "cancelled", generation, now));
        }

        if (desktop is null || desktop.Metadata.DeletionTimestamp is not null)
        {
            var message = $"desktop {desktopName} not found";
            var age = now - (task.Metadata.CreationTimestamp is { } created ? new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc)) : now);
            if (!running && age < DesktopGrace && desktop is null)
            {
                ConditionList.Set(conditions, ConditionTypes.DesktopAvailable, false, ConditionReasons.DesktopNotFound, message, generation, now);
                return new TaskPlan(TaskAction.None, status, DesktopGrace - age);
            }
            return new TaskPlan(TaskAction.None, Finish(status, TaskPhase.Failed, ConditionReasons.DesktopNotFound, message, generation, now));
        }

        if (running) return Running(task, desktop, ready, status, run, now);

        if (!task.Spec.Run) return new TaskPlan(TaskAction.None, status);

        var ahead = siblings.Where(s => s.Metadata.Uid != task.Metadata.Uid && Blocks(s, task)).OrderBy(s => s, Comparer<DesktopTask>.Create(Compare)).FirstOrDefault();
        if (ahead is not null)
        {
            // The message names no task and no position: a queued task's status then stays as it is while the tasks
            // ahead of it run (one write when it queues, not one per task ahead).
            ConditionList.Set(conditions, ConditionTypes.DesktopAvailable, false, ConditionReasons.Queued,
                $"queued behind earlier tasks of desktop {desktopName}; one task runs at a time", generation, now);
            return new TaskPlan(TaskAction.None, status);
        }

        if (!desktop.Spec.Running)
        {
            if (task.Spec.StartDesktop)
            {
                ConditionList.Set(conditions, ConditionTypes.DesktopAvailable, false, ConditionReasons.DesktopNotReady, $"starting desktop {desktopName}", generation, now);
                return new TaskPlan(TaskAction.StartDesktop, status);
            }
            ConditionList.Set(conditions, ConditionTypes.DesktopAvailable, false, ConditionReasons.DesktopStopped,
                $"desktop {desktopName} is stopped; start it or set spec.startDesktop", generation, now);
            return new TaskPlan(TaskAction.None, status);
        }

        if (!ready)
        {
            ConditionList.Set(conditions, ConditionTypes.DesktopAvailable, false, ConditionReasons.DesktopNotReady,
                $"desktop {desktopName} is {Describe(desktop)}", generation, now);
            return new TaskPlan(TaskAction.None, status, NotReadyRetry);
        }

        switch (run?.Kind)
        {
            case null:
                return new TaskPlan(TaskAction.ObserveRun, status);
            case RunObservationKind.Missing:
                var request = new RunRequest(task.Metadata.Uid, task.Spec.Type == TaskType.Prompt ? RunKind.Prompt : RunKind.Command,
                    task.Spec.Content, (int)Timeout(task).TotalMilliseconds);
                return new TaskPlan(TaskAction.StartRun, status, null, request);
            case RunObservationKind.Found:
                // The agent already has this run (started by an earlier pass or an earlier operator): adopt it.
                status.Phase = TaskPhase.Running;
                status.RunId = task.Metadata.Uid;
                status.StartedAt = run.State!.StartedAt;
                ConditionList.Set(conditions, ConditionTypes.DesktopAvailable, true, ConditionReasons.TaskRunning, $"running on desktop {desktopName}", generation, now);
                return Running(task, desktop, ready, status, run, now);
            case RunObservationKind.Rejected:
                return new TaskPlan(TaskAction.None, Finish(status, TaskPhase.Failed, ConditionReasons.RunRejected,
                    $"the agent of desktop {desktopName} refused the task: {run.Error}", generation, now));
            case RunObservationKind.Busy:
                var since = conditions.FirstOrDefault(c => c.Type == ConditionTypes.DesktopAvailable && c.Status == ConditionStatus.False)?.LastTransitionTime ?? now;
                ConditionList.Set(conditions, ConditionTypes.DesktopAvailable, false, ConditionReasons.DesktopNotReady,
                    $"the agent of desktop {desktopName} cannot take the task yet: {run.Error}; retrying", generation, now);
                return new TaskPlan(TaskAction.None, status, Backoff(now - since));
            default:
                ConditionList.Set(conditions, ConditionTypes.DesktopAvailable, false, ConditionReasons.DesktopNotReady,
                    $"the agent of desktop {desktopName} is unreachable: {run.Error}; retrying", generation, now);
                return new TaskPlan(TaskAction.None, status, NotReadyRetry);
        }
    }

    private static TaskPlan Running(DesktopTask task, Desktop desktop, bool ready, DesktopTask.DesktopTaskStatus status, RunObservation? run, DateTimeOffset now)
    {
        var generation = task.Metadata.Generation;
        var conditions = (List<Condition>)status.Conditions!;
        var deadline = (status.StartedAt ?? now) + Timeout(task) + TimeoutGrace;
        var timedOut = $"timed out after {Duration.Format(Timeout(task))}";
        if (!ready || run?.Kind == RunObservationKind.Unreachable)
        {
            // Nothing can be cancelled on a desktop that does not answer; past the deadline the task fails anyway.
            if (now >= deadline) return new TaskPlan(TaskAction.None, Finish(status, TaskPhase.Failed, ConditionReasons.TimedOut, timedOut, generation, now));
            var why = ready ? $"the agent of desktop {task.Spec.DesktopRef} is unreachable: {run!.Error}" : $"desktop {task.Spec.DesktopRef} is {Describe(desktop)}";
            ConditionList.Set(conditions, ConditionTypes.DesktopAvailable, false, ConditionReasons.DesktopNotReady, why, generation, now);
            return new TaskPlan(TaskAction.None, status, NotReadyRetry);
        }
        if (run is null) return new TaskPlan(TaskAction.ObserveRun, status);
        if (run.Kind != RunObservationKind.Found)
        {
            return new TaskPlan(TaskAction.None, Finish(status, TaskPhase.Failed, ConditionReasons.TaskFailed,
                $"the run was lost on desktop {task.Spec.DesktopRef}", generation, now));
        }

        var state = run.State!;
        CopyRun(status, state);
        ConditionList.Set(conditions, ConditionTypes.DesktopAvailable, true, ConditionReasons.TaskRunning, $"running on desktop {task.Spec.DesktopRef}", generation, now);
        switch (state.Status)
        {
            case RunStatus.Running when now >= deadline:
                return new TaskPlan(TaskAction.CancelRun, Finish(status, TaskPhase.Failed, ConditionReasons.TimedOut, timedOut, generation, now));
            case RunStatus.Running:
                return new TaskPlan(TaskAction.None, status, PollInterval);
            case RunStatus.Succeeded when task.Spec.RequiresApproval:
                status.Phase = TaskPhase.Review;
                status.Message = null;
                ConditionList.Set(conditions, ConditionTypes.Completed, false, ConditionReasons.Succeeded, "finished; waiting for a review decision", generation, now);
                return Review(task, status, now);
            case RunStatus.Succeeded:
                return new TaskPlan(TaskAction.None, Finish(status, TaskPhase.Done, ConditionReasons.Succeeded, Summary(state), generation, now));
            case RunStatus.Cancelled:
                return new TaskPlan(TaskAction.None, Finish(status, TaskPhase.Cancelled, ConditionReasons.Cancelled, state.Error ?? "cancelled on the desktop", generation, now));
            case RunStatus.TimedOut:
                return new TaskPlan(TaskAction.None, Finish(status, TaskPhase.Failed, ConditionReasons.TimedOut, state.Error ?? timedOut, generation, now));
            default:
                return new TaskPlan(TaskAction.None, Finish(status, TaskPhase.Failed, ConditionReasons.TaskFailed, state.Error ?? Summary(state), generation, now));
        }
    }

    private static TaskPlan Review(DesktopTask task, DesktopTask.DesktopTaskStatus status, DateTimeOffset now)
    {
        var generation = task.Metadata.Generation;
        if (task.Spec.Cancel) return new TaskPlan(TaskAction.None, Finish(status, TaskPhase.Cancelled, ConditionReasons.Cancelled, "cancelled", generation, now));
        switch (task.Spec.Decision)
        {
            case TaskDecision.Approve:
                status.ReviewedAt = now;
                return new TaskPlan(TaskAction.None, Finish(status, TaskPhase.Done, ConditionReasons.Succeeded, "approved", generation, now));
            case TaskDecision.Reject:
                status.ReviewedAt = now;
                var message = string.IsNullOrWhiteSpace(task.Spec.Feedback) ? "rejected" : $"rejected: {task.Spec.Feedback}";
                return new TaskPlan(TaskAction.None, Finish(status, TaskPhase.Failed, ConditionReasons.Rejected, message, generation, now));
            default:
                return new TaskPlan(TaskAction.None, status);
        }
    }

    /// <summary>
    /// Copies what the run produced. No output yet is no field: a status with an empty output was refused by the API
    /// server as null (422, status.output must be a string).
    /// </summary>
    public static void CopyRun(DesktopTask.DesktopTaskStatus status, RunState state)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(state);
        status.Output = string.IsNullOrEmpty(state.Output) ? null : state.Output;
        status.OutputTruncated = state.OutputTruncated ? true : null;
        status.ExitCode = state.ExitCode;
        status.MessageId = string.IsNullOrEmpty(state.MessageId) ? null : state.MessageId;
    }

    /// <summary>A terminal status: the phase, completedAt, Completed=True, and the message for failures.</summary>
    private static DesktopTask.DesktopTaskStatus Finish(DesktopTask.DesktopTaskStatus status, TaskPhase phase, string reason, string message, long? generation, DateTimeOffset now)
    {
        status.Phase = phase;
        status.CompletedAt = now;
        status.Message = phase == TaskPhase.Done ? null : message;
        var conditions = (List<Condition>)status.Conditions!;
        conditions.RemoveAll(c => c.Type == ConditionTypes.DesktopAvailable);
        ConditionList.Set(conditions, ConditionTypes.Completed, true, reason, message, generation, now);
        return status;
    }

    /// <summary>A failed run's message when the agent gave none: its exit code.</summary>
    private static string Summary(RunState state) => state.ExitCode is { } code ? $"exit {code}" : state.Status.ToString().ToLowerInvariant();

    private static string Describe(Desktop desktop) => desktop.Status.Phase switch
    {
        DesktopPhase.Running => "running; its agent is not ready yet",
        { } phase => phase.ToString().ToLowerInvariant(),
        null => "pending",
    };

    /// <summary>Waiting while the agent is busy: as long again as waited so far, between 1 and 30 seconds.</summary>
    private static TimeSpan Backoff(TimeSpan waited) =>
        waited < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : waited > TimeSpan.FromSeconds(30) ? TimeSpan.FromSeconds(30) : waited;

    /// <summary>True when <paramref name="other"/> keeps <paramref name="task"/> from starting: it runs, or it is an earlier task waiting to run.</summary>
    private static bool Blocks(DesktopTask other, DesktopTask task)
    {
        var phase = other.Status?.Phase;
        if (phase == TaskPhase.Running) return true;
        return phase is null or TaskPhase.Pending && other.Spec.Run && !other.Spec.Cancel && Compare(other, task) < 0;
    }

    private static DesktopTask.DesktopTaskStatus Copy(DesktopTask.DesktopTaskStatus s) => new()
    {
        Phase = s.Phase,
        Output = s.Output,
        OutputTruncated = s.OutputTruncated,
        RunId = s.RunId,
        MessageId = s.MessageId,
        ReviewedAt = s.ReviewedAt,
        ExitCode = s.ExitCode,
        Message = s.Message,
        StartedAt = s.StartedAt,
        CompletedAt = s.CompletedAt,
        ObservedGeneration = s.ObservedGeneration,
        Conditions = (s.Conditions ?? []).Select(c => new Condition
        {
            Type = c.Type, Status = c.Status, Reason = c.Reason, Message = c.Message,
            LastTransitionTime = c.LastTransitionTime, ObservedGeneration = c.ObservedGeneration,
        }).ToList(),
    };
}
