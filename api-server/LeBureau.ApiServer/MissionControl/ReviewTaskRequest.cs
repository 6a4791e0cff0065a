using LeBureau.Resources;

namespace LeBureau.ApiServer.MissionControl;

/// <summary>Body of <c>POST /api/mission-control/tasks/:id/review</c>.</summary>
/// <param name="Decision">approve (the task becomes done) | reject (it becomes failed). Required.</param>
/// <param name="Feedback">Your comment, at most 8192 characters.</param>
public sealed record ReviewTaskRequest(TaskDecision? Decision, string? Feedback)
{
    public const int MaxFeedbackLength = 8192;

    /// <summary>The first problem with the request, naming the field; null when valid.</summary>
    public string? Validate() =>
        Decision is null ? "'decision' is required (approve or reject)."
        : Feedback is { Length: > MaxFeedbackLength } ? $"'feedback' is {Feedback.Length} characters long; at most {MaxFeedbackLength} are accepted."
        : null;
}
