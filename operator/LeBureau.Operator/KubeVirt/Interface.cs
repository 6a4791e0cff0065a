using System.Text.Json.Serialization;

namespace LeBureau.Operator.KubeVirt;

public sealed class Interface
{
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    /// <summary>An empty object selects masquerade (NAT) binding.</summary>
    [JsonPropertyName("masquerade")] public Dictionary<string, object>? Masquerade { get; set; }
}
