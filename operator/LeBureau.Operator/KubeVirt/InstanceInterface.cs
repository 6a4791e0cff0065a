using System.Text.Json.Serialization;

namespace LeBureau.Operator.KubeVirt;

/// <summary>One network interface of a running instance.</summary>
public sealed class InstanceInterface
{
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("ipAddress")] public string? IpAddress { get; set; }
}
