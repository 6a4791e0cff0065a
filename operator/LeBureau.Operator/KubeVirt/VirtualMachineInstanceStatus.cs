using System.Text.Json.Serialization;

namespace LeBureau.Operator.KubeVirt;

/// <summary>VirtualMachineInstance status: phase and interfaces.</summary>
public sealed class VirtualMachineInstanceStatus
{
    /// <summary>Pending, Scheduling, Scheduled, Running, Succeeded, Failed or Unknown.</summary>
    [JsonPropertyName("phase")] public string? Phase { get; set; }
    [JsonPropertyName("interfaces")] public IList<InstanceInterface>? Interfaces { get; set; }
}
