using System.Text.Json.Serialization;
using k8s.Models;

namespace LeBureau.Operator.KubeVirt;

/// <summary>The template of the instances a VirtualMachine runs.</summary>
public sealed class InstanceTemplate
{
    [JsonPropertyName("metadata")] public V1ObjectMeta? Metadata { get; set; }
    [JsonPropertyName("spec")] public InstanceSpec Spec { get; set; } = new();
}
