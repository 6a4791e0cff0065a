using LeBureau.Resources;

namespace LeBureau.ApiServer.MissionControl;

/// <summary>Body of <c>POST /api/mission-control/tasks</c>.</summary>
/// <param name="Type">prompt (a message to the desktop's chat agent) | command (a shell command). Required.</param>
/// <param name="Content">The prompt or the command line, 1–65536 characters, not blank. Required.</param>
/// <param name="DesktopId">The id of one of your desktops. Required.</param>
/// <param name="RequiresApproval">Hold the finished task in review until it is approved or rejected. Default false.</param>
/// <param name="StartDesktop">Start the desktop for the task if it is stopped (otherwise the task waits until it runs). Default false.</param>
/// <param name="Timeout">How long a run may take, such as 90s, 30m or 1h30m. Default 30m.</param>
/// <param name="Run">Run the task at once; by default it is created pending and started with <c>/run</c>. Default false.</param>
public sealed record CreateTaskRequest(
    TaskType? Type, string? Content, string? DesktopId, bool? RequiresApproval, bool? StartDesktop, string? Timeout, bool? Run)
{
    public const int MaxContentLength = 65_536;

    /// <summary>The first problem with the request, naming the field; null when valid.</summary>
    public string? Validate() =>
        Type is null ? "'type' is required (prompt or command)."
        : Content is null ? "'content' is required."
        : string.IsNullOrWhiteSpace(Content) ? "'content' must not be empty."
        : Content.Length > MaxContentLength ? $"'content' is {Content.Length} characters long; at most {MaxContentLength} are accepted."
        : string.IsNullOrWhiteSpace(DesktopId) ? "'desktopId' is required."
        : Timeout is not null && (!Duration.TryParse(Timeout, out var timeout) || timeout <= TimeSpan.Zero)
            ? "'timeout' must be a duration greater than zero, such as 90s, 30m or 1h30m."
        : null;

    /// <summary>The spec of the task on <paramref name="desktopName"/> (valid requests only).</summary>
    public DesktopTask.DesktopTaskSpec ToSpec(string desktopName) => new()
    {
        DesktopRef = desktopName,
        Type = Type!.Value,
        Content = Content!,
        RequiresApproval = RequiresApproval ?? false,
        StartDesktop = StartDesktop ?? false,
        Timeout = Timeout ?? new DesktopTask.DesktopTaskSpec().Timeout,
        Run = Run ?? false,
    };
}
