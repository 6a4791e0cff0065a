using System.Text.Json.Serialization;

namespace LeBureau.Operator.KubeVirt;

/// <summary>A network of the instance (the pod network).</summary>
public sealed class Network
{
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    [JsonPropertyName("pod")] public Dictionary<string, object>? Pod { get; set; }
}
