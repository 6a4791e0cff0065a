using System.Text.Json.Serialization;

namespace LeBureau.Resources;

/// <summary>Where a mission-control task is.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TaskPhase>))]
public enum TaskPhase
{
    /// <summary>Created, not run yet (spec.run is false).</summary>
    [JsonStringEnumMemberName("pending")] Pending,

    /// <summary>Running on its desktop.</summary>
    [JsonStringEnumMemberName("running")] Running,

    /// <summary>Finished and waiting for a decision (spec.requiresApproval).</summary>
    [JsonStringEnumMemberName("review")] Review,

    /// <summary>Finished (and approved when it needed approval).</summary>
    [JsonStringEnumMemberName("done")] Done,

    /// <summary>Failed, or rejected in review.</summary>
    [JsonStringEnumMemberName("failed")] Failed,

    /// <summary>Cancelled before it finished.</summary>
    [JsonStringEnumMemberName("cancelled")] Cancelled,
}
