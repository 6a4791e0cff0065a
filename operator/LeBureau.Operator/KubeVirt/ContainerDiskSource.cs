using System.Text.Json.Serialization;

namespace LeBureau.Operator.KubeVirt;

/// <summary>An ephemeral root disk from a container image.</summary>
public sealed class ContainerDiskSource
{
    [JsonPropertyName("image")] public string Image { get; set; } = "";
}
