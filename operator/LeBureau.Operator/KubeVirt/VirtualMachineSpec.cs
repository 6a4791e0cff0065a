using System.Text.Json.Serialization;
using k8s.Models;

namespace LeBureau.Operator.KubeVirt;

/// <summary>VirtualMachine spec: run strategy and the instance template.</summary>
public sealed class VirtualMachineSpec
{
    /// <summary>Always, Halted, Manual, RerunOnFailure or Once; the operator writes Always or Halted.</summary>
    [JsonPropertyName("runStrategy")] public string? RunStrategy { get; set; }

    /// <summary>The VirtualMachineInstance template.</summary>
    [JsonPropertyName("template")] public InstanceTemplate Template { get; set; } = new();
}

/// <summary>The template of the instances a VirtualMachine runs.</summary>
public sealed class InstanceTemplate
{
    [JsonPropertyName("metadata")] public V1ObjectMeta? Metadata { get; set; }
    [JsonPropertyName("spec")] public InstanceSpec Spec { get; set; } = new();
}

/// <summary>A VirtualMachineInstance spec: domain, networks, volumes.</summary>
public sealed class InstanceSpec
{
    [JsonPropertyName("domain")] public DomainSpec Domain { get; set; } = new();
    [JsonPropertyName("networks")] public IList<Network>? Networks { get; set; }
    [JsonPropertyName("volumes")] public IList<Volume>? Volumes { get; set; }
}

/// <summary>The virtual hardware.</summary>
public sealed class DomainSpec
{
    [JsonPropertyName("cpu")] public Cpu? Cpu { get; set; }
    [JsonPropertyName("memory")] public Memory? Memory { get; set; }
    [JsonPropertyName("devices")] public Devices Devices { get; set; } = new();
}

public sealed class Cpu
{
    [JsonPropertyName("cores")] public int Cores { get; set; }
}

public sealed class Memory
{
    /// <summary>Guest memory, a quantity.</summary>
    [JsonPropertyName("guest")] public string? Guest { get; set; }
}

public sealed class Devices
{
    [JsonPropertyName("disks")] public IList<Disk>? Disks { get; set; }
    [JsonPropertyName("interfaces")] public IList<Interface>? Interfaces { get; set; }
}

public sealed class Disk
{
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    [JsonPropertyName("disk")] public DiskTarget? Target { get; set; }
}

public sealed class DiskTarget
{
    [JsonPropertyName("bus")] public string? Bus { get; set; }
}

public sealed class Interface
{
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    /// <summary>An empty object selects masquerade (NAT) binding.</summary>
    [JsonPropertyName("masquerade")] public Dictionary<string, object>? Masquerade { get; set; }
}

public sealed class Network
{
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    [JsonPropertyName("pod")] public Dictionary<string, object>? Pod { get; set; }
}

public sealed class Volume
{
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    [JsonPropertyName("containerDisk")] public ContainerDiskSource? ContainerDisk { get; set; }
    [JsonPropertyName("persistentVolumeClaim")] public ClaimSource? PersistentVolumeClaim { get; set; }
    [JsonPropertyName("cloudInitNoCloud")] public CloudInitNoCloudSource? CloudInitNoCloud { get; set; }
}

public sealed class ContainerDiskSource
{
    [JsonPropertyName("image")] public string Image { get; set; } = "";
}

public sealed class ClaimSource
{
    [JsonPropertyName("claimName")] public string ClaimName { get; set; } = "";
}

public sealed class CloudInitNoCloudSource
{
    /// <summary>The Secret holding userdata (keeps the agent token and provider key out of the VM spec).</summary>
    [JsonPropertyName("secretRef")] public V1LocalObjectReference? SecretRef { get; set; }
}
