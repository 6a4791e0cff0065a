using System.Text.Json.Serialization;

namespace LeBureau.Operator.KubeVirt;

/// <summary>A volume of the instance: containerDisk root, data disk claim or cloud-init.</summary>
public sealed class Volume
{
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    [JsonPropertyName("containerDisk")] public ContainerDiskSource? ContainerDisk { get; set; }
    [JsonPropertyName("persistentVolumeClaim")] public ClaimSource? PersistentVolumeClaim { get; set; }
    [JsonPropertyName("cloudInitNoCloud")] public CloudInitNoCloudSource? CloudInitNoCloud { get; set; }
}
