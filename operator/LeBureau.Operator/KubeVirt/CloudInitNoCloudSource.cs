using System.Text.Json.Serialization;
using k8s.Models;

namespace LeBureau.Operator.KubeVirt;

public sealed class CloudInitNoCloudSource
{
    /// <summary>The Secret holding userdata (keeps the agent token and provider key out of the VM spec).</summary>
    [JsonPropertyName("secretRef")] public V1LocalObjectReference? SecretRef { get; set; }
}
