using System.Text.Json.Serialization;

namespace LeBureau.AgentContract;

/// <summary>Where a run is. Every status but running is final.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RunStatus>))]
public enum RunStatus
{
    /// <summary>Still running.</summary>
    [JsonStringEnumMemberName("running")] Running,

    /// <summary>The command exited 0, or the agent answered.</summary>
    [JsonStringEnumMemberName("succeeded")] Succeeded,

    /// <summary>The command exited non-zero, the chat turn failed, or the agent restarted under it.</summary>
    [JsonStringEnumMemberName("failed")] Failed,

    /// <summary>Cancelled through <see cref="AgentRoutes.CancelRun"/>; its process group was killed.</summary>
    [JsonStringEnumMemberName("cancelled")] Cancelled,

    /// <summary>It ran longer than its timeout; its process group was killed.</summary>
    [JsonStringEnumMemberName("timedOut")] TimedOut,
}
