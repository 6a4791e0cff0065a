using System.Text.Json.Serialization;

namespace LeBureau.Operator.KubeVirt;

public sealed class Memory
{
    /// <summary>Guest memory, a quantity.</summary>
    [JsonPropertyName("guest")] public string? Guest { get; set; }
}
