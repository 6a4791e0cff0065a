using System.Text.Json.Serialization;

namespace LeBureau.Resources;

/// <summary>A reviewer's decision on a task in review.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TaskDecision>))]
public enum TaskDecision
{
    /// <summary>Approve: the task becomes done.</summary>
    [JsonStringEnumMemberName("approve")] Approve,

    /// <summary>Reject: the task becomes failed.</summary>
    [JsonStringEnumMemberName("reject")] Reject,
}
