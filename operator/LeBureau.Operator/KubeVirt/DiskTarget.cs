using System.Text.Json.Serialization;

namespace LeBureau.Operator.KubeVirt;

/// <summary>How a disk is attached (bus).</summary>
public sealed class DiskTarget
{
    [JsonPropertyName("bus")] public string? Bus { get; set; }
}
