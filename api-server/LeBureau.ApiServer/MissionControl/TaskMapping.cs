using LeBureau.Resources;

namespace LeBureau.ApiServer.MissionControl;

/// <summary>DesktopTasks as the API shows them, and the status filter (pure).</summary>
public static class TaskMapping
{
    private static readonly TaskPhase[] Phases = Enum.GetValues<TaskPhase>();
    private static readonly string[] Names = [.. Phases.Select(p => Wire(p))];

    /// <summary>The wire names of the phases, in order: what <c>?status=</c> accepts.</summary>
    public static IReadOnlyList<string> StatusNames => Names;

    /// <summary>An enum's wire name (pending, approve, command …), from its JSON serialisation.</summary>
    public static string Wire<T>(T value) where T : struct, Enum => System.Text.Json.JsonSerializer.Serialize(value).Trim('"');

    /// <summary>The task's status: its phase, pending before the operator has written one.</summary>
    public static TaskPhase Status(DesktopTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.Status?.Phase ?? TaskPhase.Pending;
    }

    /// <summary>Reads a <c>?status=</c> value (null or empty: no filter); false when it names no phase.</summary>
    public static bool TryParseStatus(string? text, out TaskPhase? phase)
    {
        phase = null;
        if (string.IsNullOrEmpty(text)) return true;
        var index = Array.IndexOf(Names, text);
        if (index < 0) return false;
        phase = Phases[index];
        return true;
    }

    /// <summary>The DTO; <paramref name="desktopId"/> is the uid of the Desktop named by spec.desktopRef, when it exists.</summary>
    public static TaskDto ToDto(DesktopTask task, string? desktopId)
    {
        ArgumentNullException.ThrowIfNull(task);
        var status = task.Status;
        return new TaskDto(
            task.Metadata.Uid,
            desktopId,
            task.Spec.Type,
            task.Spec.Content,
            Status(task),
            task.Spec.RequiresApproval,
            task.Spec.Run,
            task.Spec.Cancel,
            task.Spec.StartDesktop,
            task.Spec.Timeout,
            status?.Output,
            status?.OutputTruncated ?? false,
            status?.ExitCode,
            status?.Message,
            task.Spec.Feedback,
            task.Spec.Decision,
            status?.MessageId,
            Utc(task.Metadata.CreationTimestamp),
            status?.StartedAt?.UtcDateTime,
            status?.CompletedAt?.UtcDateTime,
            status?.ReviewedAt?.UtcDateTime);
    }

    // A DateTime of kind Utc is written with "Z" (a DateTimeOffset would be written "+00:00").
    private static DateTime? Utc(DateTime? time) => time switch
    {
        null => null,
        { Kind: DateTimeKind.Local } t => t.ToUniversalTime(),
        { } t => DateTime.SpecifyKind(t, DateTimeKind.Utc),
    };
}
