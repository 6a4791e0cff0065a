using System.Globalization;
using System.Text.Json;
using LeBureau.Events;
using LeBureau.Resources;

namespace LeBureau.Operator.Events;

/// <summary>
/// Decides which activity events a change of a DesktopTask produces. Each event type has its own dedup key per task,
/// so each goes out once per task: a replay of the cache by a new leader, or a resync, publishes nothing twice.
/// Payloads carry ids, status, the relevant time and a short summary — never the task's content or output.
/// </summary>
public static class TaskEventRules
{
    /// <summary>The longest summary.</summary>
    public const int MaxSummary = 200;

    /// <summary>The events for a change from <paramref name="old"/> to <paramref name="current"/> (null: added / deleted); <paramref name="desktopId"/> is the uid of the task's Desktop, when it exists.</summary>
    public static IEnumerable<EventDraft> Changes(DesktopTask? old, DesktopTask? current, string? desktopId)
    {
        if (current?.Status?.Phase is not { } phase || old?.Status?.Phase == phase) yield break;
        var status = current.Status;
        var type = current.Spec.Type == TaskType.Command ? "command" : "prompt";
        switch (phase)
        {
            case TaskPhase.Pending:
                yield return Draft(current, EventTypes.TaskCreated, desktopId, "createdAt", Created(current), $"{type} task created");
                break;
            case TaskPhase.Running:
                yield return Started(current, desktopId, type);
                break;
            case TaskPhase.Review:
                if (status.StartedAt is not null && old?.Status?.Phase != TaskPhase.Running) yield return Started(current, desktopId, type);
                yield return Draft(current, EventTypes.TaskReview, desktopId, "completedAt", ReviewSince(status), Outcome(status, "finished") + "; waiting for review");
                yield return Draft(current, EventTypes.ApprovalCreated, desktopId, "createdAt", ReviewSince(status), "approval wanted");
                break;
            default:
                if (status.StartedAt is not null && old?.Status?.Phase is not (TaskPhase.Running or TaskPhase.Review)) yield return Started(current, desktopId, type);
                if (status.ReviewedAt is { } reviewed && old?.Status?.Phase != TaskPhase.Review)
                {
                    yield return Draft(current, EventTypes.ApprovalCreated, desktopId, "createdAt", ReviewSince(status), "approval wanted");
                }
                if (status.ReviewedAt is { } reviewedAt)
                {
                    yield return Draft(current, EventTypes.ApprovalResolved, desktopId, "reviewedAt", reviewedAt,
                        phase == TaskPhase.Done ? "approved" : FirstLine(status.Message ?? "rejected"));
                }
                var (final, summary) = phase switch
                {
                    TaskPhase.Done => (EventTypes.TaskCompleted, Outcome(status, "done")),
                    TaskPhase.Cancelled => (EventTypes.TaskCancelled, FirstLine(status.Message ?? "cancelled")),
                    _ => (EventTypes.TaskFailed, FirstLine(status.Message ?? "failed")),
                };
                yield return Draft(current, final, desktopId, "completedAt", status.CompletedAt, summary);
                break;
        }
    }

    private static EventDraft Started(DesktopTask task, string? desktopId, string type) =>
        Draft(task, EventTypes.TaskStarted, desktopId, "startedAt", task.Status.StartedAt, $"{type} started on desktop {task.Spec.DesktopRef}");

    private static EventDraft Draft(DesktopTask task, string type, string? desktopId, string timeName, DateTimeOffset? at, string summary)
    {
        var payload = new Dictionary<string, object?>
        {
            ["taskId"] = task.Metadata.Uid,
            ["desktopId"] = desktopId,
            ["status"] = StatusName(task.Status.Phase!.Value),
            [timeName] = at is { } t ? Rfc3339(t) : null,
            ["summary"] = Cap(summary),
        };
        return new EventDraft(task.Metadata.NamespaceProperty, type, JsonSerializer.Serialize(payload), $"{task.Metadata.Uid}:{type}", "1");
    }

    /// <summary>The API's name of a phase (pending, running, review, done, failed, cancelled).</summary>
    public static string StatusName(TaskPhase phase) => phase.ToString().ToLowerInvariant();

    /// <summary>A time as RFC 3339 in UTC with a Z, to the millisecond.</summary>
    public static string Rfc3339(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset? Created(DesktopTask task) =>
        task.Metadata.CreationTimestamp is { } c ? new DateTimeOffset(DateTime.SpecifyKind(c, DateTimeKind.Utc)) : null;

    /// <summary>When the run finished and review began: the Completed condition's transition (status has no field for it).</summary>
    private static DateTimeOffset? ReviewSince(DesktopTask.DesktopTaskStatus status) =>
        status.Conditions?.FirstOrDefault(c => c.Type == ConditionTypes.Completed)?.LastTransitionTime ?? status.StartedAt;

    private static string Outcome(DesktopTask.DesktopTaskStatus status, string otherwise) => status.ExitCode is { } code ? $"exit {code}" : otherwise;

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    private static string Cap(string text) => text.Length <= MaxSummary ? text : text[..(MaxSummary - 1)] + "…";
}
