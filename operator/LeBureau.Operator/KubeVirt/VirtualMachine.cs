using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace LeBureau.Operator.KubeVirt;

/// <summary>A kubevirt.io/v1 VirtualMachine: the fields the operator writes and reads.</summary>
[KubernetesEntity(Group = "kubevirt.io", ApiVersion = "v1", Kind = "VirtualMachine", PluralName = "virtualmachines")]
public sealed class VirtualMachine : IKubernetesObject<V1ObjectMeta>, ISpec<VirtualMachineSpec>, IStatus<VirtualMachineStatus?>
{
    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = "kubevirt.io/v1";
    [JsonPropertyName("kind")] public string Kind { get; set; } = "VirtualMachine";
    [JsonPropertyName("metadata")] public V1ObjectMeta Metadata { get; set; } = new();
    [JsonPropertyName("spec")] public VirtualMachineSpec Spec { get; set; } = new();
    [JsonPropertyName("status")] public VirtualMachineStatus? Status { get; set; }
}
