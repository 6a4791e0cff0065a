using LeBureau.Resources;

namespace LeBureau.ApiServer.MissionControl;

/// <summary>A mission-control task as <c>/api/mission-control</c> shows it. Timestamps are RFC 3339 in UTC (<c>…Z</c>).</summary>
/// <param name="Id">metadata.uid of the DesktopTask (a UUID).</param>
/// <param name="DesktopId">The id of the desktop that runs it; null when that desktop is gone.</param>
/// <param name="Type">prompt (a message to the desktop's chat agent) | command (a shell command).</param>
/// <param name="Content">The prompt or the command line.</param>
/// <param name="Status">pending | running | review | done | failed | cancelled (pending until the operator has seen the task).</param>
/// <param name="RequiresApproval">Whether the finished task waits in review for a decision.</param>
/// <param name="Run">Whether the task was asked to run (a pending task with run false waits for POST …/run).</param>
/// <param name="CancelRequested">Whether the task was asked to be cancelled (it reaches cancelled once the operator stopped it).</param>
/// <param name="StartDesktop">Whether the desktop is started for the task when it is stopped.</param>
/// <param name="Timeout">How long a run may take, such as 30m.</param>
/// <param name="Output">What the task produced (the agent's answer, or stdout then stderr), at most 64 KiB.</param>
/// <param name="OutputTruncated">True when the output was cut at 64 KiB.</param>
/// <param name="ExitCode">The command's exit code (command tasks).</param>
/// <param name="Message">Why the task failed.</param>
/// <param name="Feedback">The reviewer's comment.</param>
/// <param name="Decision">approve | reject, once a reviewer decided.</param>
/// <param name="MessageId">The chat message that answered a prompt task.</param>
/// <param name="CreatedAt">Creation time.</param>
/// <param name="StartedAt">When the run started.</param>
/// <param name="CompletedAt">When the task reached done, failed or cancelled.</param>
/// <param name="ReviewedAt">When the review decision was applied.</param>
public sealed record TaskDto(
    string Id,
    string? DesktopId,
    TaskType Type,
    string Content,
    TaskPhase Status,
    bool RequiresApproval,
    bool Run,
    bool CancelRequested,
    bool StartDesktop,
    string? Timeout,
    string? Output,
    bool OutputTruncated,
    int? ExitCode,
    string? Message,
    string? Feedback,
    TaskDecision? Decision,
    string? MessageId,
    DateTime? CreatedAt,
    DateTime? StartedAt,
    DateTime? CompletedAt,
    DateTime? ReviewedAt);
