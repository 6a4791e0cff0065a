using System.Text.Json.Serialization;

namespace LeBureau.Operator.KubeVirt;

/// <summary>The virtual CPU topology (cores).</summary>
public sealed class Cpu
{
    [JsonPropertyName("cores")] public int Cores { get; set; }
}
