namespace LeBureau.Client;

/// <summary>A mission-control task to create.</summary>
/// <param name="Type">prompt (a message to the desktop's AI agent) | command (a shell command).</param>
/// <param name="Content">The prompt or command line, 1–65536 characters.</param>
/// <param name="DesktopId">The desktop to run it on.</param>
/// <param name="RequiresApproval">Hold the finished task in review until approved or rejected.</param>
/// <param name="StartDesktop">Start the desktop for the task if it is stopped.</param>
/// <param name="Timeout">How long a run may take (90s, 30m, 1h30m); default 30m.</param>
/// <param name="Run">Run at once instead of creating it pending.</param>
public sealed record NewTask(
    string Type, string Content, string DesktopId, bool? RequiresApproval = null, bool? StartDesktop = null, string? Timeout = null, bool? Run = null);
