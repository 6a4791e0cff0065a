using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace LeBureau.Resources;

/// <summary>A metav1.Condition-shaped observation of one aspect of a resource's state.</summary>
public sealed class Condition
{
    /// <summary>Type of the condition, in CamelCase (e.g. Ready, AgentReady). Required.</summary>
    [Required, JsonPropertyName("type")]
    public string Type { get; set; } = "";

    /// <summary>Status of the condition: True, False or Unknown. Required.</summary>
    [Required, JsonPropertyName("status")]
    public ConditionStatus Status { get; set; } = ConditionStatus.Unknown;

    /// <summary>Reason is a CamelCase word for the last transition (e.g. AgentResponding). Required.</summary>
    [Required, JsonPropertyName("reason")]
    public string Reason { get; set; } = "";

    /// <summary>Message is a human-readable explanation of the last transition. Optional, may be empty.</summary>
    [JsonPropertyName("message")]
    public string? Message { get; set; }

    /// <summary>LastTransitionTime is when the status last changed. Required.</summary>
    [Required, JsonPropertyName("lastTransitionTime")]
    public DateTimeOffset LastTransitionTime { get; set; }

    /// <summary>ObservedGeneration is the metadata.generation the condition was computed from. Minimum 0.</summary>
    [Range(0, long.MaxValue), JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; set; }
}
