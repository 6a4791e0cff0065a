using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace LeBureau.Operator.KubeVirt;

/// <summary>A kubevirt.io/v1 VirtualMachineInstance: the running instance of a VirtualMachine (same name).</summary>
[KubernetesEntity(Group = "kubevirt.io", ApiVersion = "v1", Kind = "VirtualMachineInstance", PluralName = "virtualmachineinstances")]
public sealed class VirtualMachineInstance : IKubernetesObject<V1ObjectMeta>, ISpec<InstanceSpec>, IStatus<VirtualMachineInstanceStatus?>
{
    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = "kubevirt.io/v1";
    [JsonPropertyName("kind")] public string Kind { get; set; } = "VirtualMachineInstance";
    [JsonPropertyName("metadata")] public V1ObjectMeta Metadata { get; set; } = new();
    [JsonPropertyName("spec")] public InstanceSpec Spec { get; set; } = new();
    [JsonPropertyName("status")] public VirtualMachineInstanceStatus? Status { get; set; }
}
