using System.Text.Json.Serialization;

namespace LeBureau.Operator.KubeVirt;

/// <summary>A VirtualMachineInstance spec: domain, networks, volumes.</summary>
public sealed class InstanceSpec
{
    [JsonPropertyName("domain")] public DomainSpec Domain { get; set; } = new();
    [JsonPropertyName("networks")] public IList<Network>? Networks { get; set; }
    [JsonPropertyName("volumes")] public IList<Volume>? Volumes { get; set; }
}
