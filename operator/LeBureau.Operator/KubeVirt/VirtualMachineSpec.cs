using System.Text.Json.Serialization;

namespace LeBureau.Operator.KubeVirt;

/// <summary>VirtualMachine spec: run strategy and the instance template.</summary>
public sealed class VirtualMachineSpec
{
    /// <summary>Always, Halted, Manual, RerunOnFailure or Once; the operator writes Always or Halted.</summary>
    [JsonPropertyName("runStrategy")] public string? RunStrategy { get; set; }

    /// <summary>The VirtualMachineInstance template.</summary>
    [JsonPropertyName("template")] public InstanceTemplate Template { get; set; } = new();
}
