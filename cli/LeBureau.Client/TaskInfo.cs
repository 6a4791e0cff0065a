namespace LeBureau.Client;

/// <summary>A mission-control task.</summary>
/// <param name="Id">The task id (a UUID).</param>
/// <param name="DesktopId">The desktop that runs it; null when that desktop is gone.</param>
/// <param name="Type">prompt | command.</param>
/// <param name="Content">The prompt or the command line.</param>
/// <param name="Status">pending | running | review | done | failed | cancelled.</param>
/// <param name="RequiresApproval">Whether the finished task waits in review.</param>
/// <param name="Run">Whether the task was asked to run.</param>
/// <param name="CancelRequested">Whether it was asked to be cancelled.</param>
/// <param name="StartDesktop">Whether its desktop is started for it when stopped.</param>
/// <param name="Timeout">How long a run may take (30m …).</param>
/// <param name="Output">What it produced (at most 64 KiB).</param>
/// <param name="OutputTruncated">True when the output was cut.</param>
/// <param name="ExitCode">The command's exit code (command tasks).</param>
/// <param name="Message">Why it failed.</param>
/// <param name="Feedback">The reviewer's comment.</param>
/// <param name="Decision">approve | reject, once decided.</param>
/// <param name="MessageId">The chat message that answered a prompt task.</param>
/// <param name="CreatedAt">Creation time.</param>
/// <param name="StartedAt">When the run started.</param>
/// <param name="CompletedAt">When it reached done, failed or cancelled.</param>
/// <param name="ReviewedAt">When the review decision was applied.</param>
public sealed record TaskInfo(
    string Id, string? DesktopId, string Type, string Content, string Status, bool RequiresApproval, bool Run, bool CancelRequested,
    bool StartDesktop, string? Timeout, string? Output, bool OutputTruncated, int? ExitCode, string? Message, string? Feedback,
    string? Decision, string? MessageId, DateTime? CreatedAt, DateTime? StartedAt, DateTime? CompletedAt, DateTime? ReviewedAt);
