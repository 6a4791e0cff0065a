using System.Text.Json.Serialization;

namespace LeBureau.Operator.KubeVirt;

/// <summary>The virtual hardware.</summary>
public sealed class DomainSpec
{
    [JsonPropertyName("cpu")] public Cpu? Cpu { get; set; }
    [JsonPropertyName("memory")] public Memory? Memory { get; set; }
    [JsonPropertyName("devices")] public Devices Devices { get; set; } = new();
}
