using System.Text.Json.Serialization;

namespace LeBureau.Operator.KubeVirt;

/// <summary>A disk attached to the domain, named after its volume.</summary>
public sealed class Disk
{
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    [JsonPropertyName("disk")] public DiskTarget? Target { get; set; }
}
