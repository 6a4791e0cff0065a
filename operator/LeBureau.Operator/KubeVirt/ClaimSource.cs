using System.Text.Json.Serialization;

namespace LeBureau.Operator.KubeVirt;

/// <summary>A PersistentVolumeClaim used as a disk.</summary>
public sealed class ClaimSource
{
    [JsonPropertyName("claimName")] public string ClaimName { get; set; } = "";
}
