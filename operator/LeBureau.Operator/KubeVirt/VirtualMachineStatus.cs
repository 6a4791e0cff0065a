using System.Text.Json.Serialization;

namespace LeBureau.Operator.KubeVirt;

/// <summary>VirtualMachine status: the fields the operator reads.</summary>
public sealed class VirtualMachineStatus
{
    [JsonPropertyName("printableStatus")] public string? PrintableStatus { get; set; }
    [JsonPropertyName("ready")] public bool? Ready { get; set; }
    [JsonPropertyName("created")] public bool? Created { get; set; }
}
