namespace LeBureau.Events;

/// <summary>The event types of the desktop and activity streams (seed 003 and the activity list).</summary>
public static class EventTypes
{
    /// <summary>A desktop's status changed (booting, running, stopped, error…).</summary>
    public const string DesktopStatus = "desktop.status";

    /// <summary>Fresh CPU/RAM/disk figures of a running desktop.</summary>
    public const string DesktopMetrics = "desktop.metrics";

    /// <summary>A desktop's agent finished initialising and takes work.</summary>
    public const string DesktopAgentReady = "desktop.agentReady";

    /// <summary>A desktop reached running (activity stream).</summary>
    public const string DesktopStarted = "desktop.started";

    /// <summary>A desktop stopped (activity stream).</summary>
    public const string DesktopStopped = "desktop.stopped";

    /// <summary>A desktop entered error (activity stream).</summary>
    public const string DesktopError = "desktop.error";

    /// <summary>A desktop's chat agent started or finished a turn: desktop id and name, messageId, status (running, done, error) and the error code; never the content.</summary>
    public const string DesktopChat = "desktop.chat";

    /// <summary>A task was created (pending).</summary>
    public const string TaskCreated = "task.created";

    /// <summary>A task started running on its desktop.</summary>
    public const string TaskStarted = "task.started";

    /// <summary>A task finished: done (approved when it needed approval).</summary>
    public const string TaskCompleted = "task.completed";

    /// <summary>A task failed, timed out or was rejected.</summary>
    public const string TaskFailed = "task.failed";

    /// <summary>A task finished and waits for a review decision.</summary>
    public const string TaskReview = "task.review";

    /// <summary>A task was cancelled.</summary>
    public const string TaskCancelled = "task.cancelled";

    /// <summary>A task entered review: an approval is wanted.</summary>
    public const string ApprovalCreated = "approval.created";

    /// <summary>A review decision was applied (approve or reject).</summary>
    public const string ApprovalResolved = "approval.resolved";

    /// <summary>The first event of a stream that could not replay what the client asked for: it starts from now.</summary>
    public const string StreamReset = "stream.reset";

    /// <summary>True for the events of <c>/api/desktops/stream</c>.</summary>
    public static bool IsDesktopStream(string type) =>
        type is DesktopStatus or DesktopMetrics or DesktopAgentReady or DesktopChat;

    /// <summary>True for the events of <c>/api/mission-control/activity/stream</c>.</summary>
    public static bool IsActivityStream(string type) =>
        type.StartsWith("task.", StringComparison.Ordinal) || type.StartsWith("approval.", StringComparison.Ordinal)
        || type is DesktopStarted or DesktopStopped or DesktopError;
}
