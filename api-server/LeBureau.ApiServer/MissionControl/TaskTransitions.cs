using LeBureau.Resources;

namespace LeBureau.ApiServer.MissionControl;

/// <summary>Whether run, review and cancel apply to a task's current state (pure); a conflict names why not.</summary>
public static class TaskTransitions
{
    /// <summary>Running needs a pending task that was not asked to run yet, nor cancelled.</summary>
    public static string? RunConflict(DesktopTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (TaskMapping.Status(task) != TaskPhase.Pending) return $"The task is {Name(task)}; only a pending task can be run.";
        if (task.Spec.Cancel) return "The task is being cancelled.";
        return task.Spec.Run ? "The task was already asked to run." : null;
    }

    /// <summary>A decision needs a task in review that has none yet.</summary>
    public static string? ReviewConflict(DesktopTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (TaskMapping.Status(task) != TaskPhase.Review) return $"The task is {Name(task)}; only a task in review can be approved or rejected.";
        return task.Spec.Decision is { } decision ? $"The task was already reviewed ({TaskMapping.Wire(decision)})." : null;
    }

    /// <summary>Cancelling works until the task is done, failed or cancelled.</summary>
    public static string? CancelConflict(DesktopTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return IsFinished(task) ? $"The task is already {Name(task)}." : null;
    }

    /// <summary>Done, failed or cancelled: nothing changes a finished task.</summary>
    public static bool IsFinished(DesktopTask task) =>
        TaskMapping.Status(task) is TaskPhase.Done or TaskPhase.Failed or TaskPhase.Cancelled;

    /// <summary>Waiting for a reviewer: in review with no decision yet.</summary>
    public static bool AwaitsReview(DesktopTask task) => ReviewConflict(task) is null;

    private static string Name(DesktopTask task) => TaskMapping.Wire(TaskMapping.Status(task));
}
