using System.Text.Json.Serialization;

namespace LeBureau.Operator.KubeVirt;

/// <summary>Disks and network interfaces of the domain.</summary>
public sealed class Devices
{
    [JsonPropertyName("disks")] public IList<Disk>? Disks { get; set; }
    [JsonPropertyName("interfaces")] public IList<Interface>? Interfaces { get; set; }
}
