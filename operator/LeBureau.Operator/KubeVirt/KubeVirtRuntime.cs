using System.Text;
using k8s.Models;
using LeBureau.Operator.Desktops;
using LeBureau.Operator.Machines;
using LeBureau.Operator.Runtime;
using LeBureau.Resources;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeBureau.Operator.KubeVirt;

/// <summary>
/// The kubevirt runtime: per desktop a VirtualMachine (runStrategy Always/Halted, cores and memory from the tier,
/// masquerade networking, a containerDisk root, a data disk PVC and cloud-init from a Secret), all owned by the
/// Desktop — the PVC too, so the disk survives stop/start and goes with the desktop. Restart uses the
/// <c>restart</c> subresource; where subresources.kubevirt.io is not served (the test simulator), deleting the
/// instance has the same effect because runStrategy Always recreates it.
/// </summary>
public sealed partial class KubeVirtRuntime(
    KubeApi api,
    Informer<VirtualMachine> machines,
    Informer<VirtualMachineInstance> instances,
    Informer<V1Secret> secrets,
    Informer<V1PersistentVolumeClaim> claims,
    IOptions<OperatorOptions> options,
    ILogger<KubeVirtRuntime> logger) : IDesktopRuntime
{
    private readonly ResourceClient<VirtualMachine> _machines = new(api);
    private readonly ResourceClient<VirtualMachineInstance> _instances = new(api);
    private readonly ResourceClient<V1Secret> _secrets = new(api);
    private readonly ResourceClient<V1PersistentVolumeClaim> _claims = new(api);

    /// <inheritdoc />
    public async Task<MachineObservation> EnsureAsync(MachineRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var desktop = request.Desktop;
        var ns = desktop.Metadata.NamespaceProperty;
        var name = DesktopNames.Machine(desktop.Metadata.Name);
        await EnsureCloudInitAsync(request, cancellationToken);
        await DataDisk.EnsureAsync(claims, _claims, desktop, request.Size, cancellationToken);
        var wanted = Build(request);
        var existing = machines.Get(ns, name);
        if (existing is null)
        {
            try
            {
                await _machines.CreateAsync(wanted, cancellationToken);
                Log.Created(logger, ns, name);
            }
            catch (KubeApiException e) when (e.IsConflict)
            {
                // Created by an earlier pass the cache has not shown yet.
            }
        }
        else if (Differs(existing, wanted))
        {
            await _machines.MergePatchAsync(ns, name, new
            {
                spec = new
                {
                    runStrategy = wanted.Spec.RunStrategy,
                    template = new { spec = new { domain = new { cpu = wanted.Spec.Template.Spec.Domain.Cpu, memory = wanted.Spec.Template.Spec.Domain.Memory } } },
                },
            }, cancellationToken);
        }
        return Observe(desktop.Spec.Running, name, instances.Get(ns, name));
    }

    /// <summary>The machine state from the desired power state and the instance (pure).</summary>
    public static MachineObservation Observe(bool wantRunning, string name, VirtualMachineInstance? instance)
    {
        if (instance is null) return new MachineObservation(wantRunning ? MachineState.Starting : MachineState.Stopped, name);
        var ip = instance.Status?.Interfaces?.FirstOrDefault(i => !string.IsNullOrEmpty(i.IpAddress))?.IpAddress;
        if (instance.Metadata.DeletionTimestamp is not null) return new MachineObservation(MachineState.Stopping, name);
        return instance.Status?.Phase switch
        {
            "Failed" => new MachineObservation(MachineState.Failed, name, null, "the virtual machine instance failed"),
            "Running" when !wantRunning => new MachineObservation(MachineState.Stopping, name, ip),
            "Running" when ip is not null => new MachineObservation(MachineState.Running, name, ip),
            "Succeeded" => new MachineObservation(wantRunning ? MachineState.Starting : MachineState.Stopped, name),
            _ => new MachineObservation(wantRunning ? MachineState.Starting : MachineState.Stopping, name),
        };
    }

    /// <inheritdoc />
    public async Task RestartAsync(Desktop desktop, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(desktop);
        var ns = desktop.Metadata.NamespaceProperty;
        var name = DesktopNames.Machine(desktop.Metadata.Name);
        try
        {
            await api.SendAsync(HttpMethod.Put, $"/apis/subresources.kubevirt.io/v1/namespaces/{ns}/virtualmachines/{name}/restart", "{}",
                cancellationToken: cancellationToken);
            Log.Restarted(logger, ns, name, "restart subresource");
        }
        catch (KubeApiException e) when (e.IsNotFound)
        {
            await _instances.DeleteAsync(ns, name, cancellationToken);
            Log.Restarted(logger, ns, name, "instance deleted (no restart subresource)");
        }
    }

    /// <inheritdoc />
    public async Task<bool> DestroyAsync(Desktop desktop, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(desktop);
        var ns = desktop.Metadata.NamespaceProperty;
        var name = DesktopNames.Machine(desktop.Metadata.Name);
        var machine = machines.Get(ns, name);
        var instance = instances.Get(ns, name);
        if (machine is not null && machine.Metadata.DeletionTimestamp is null) await _machines.DeleteAsync(ns, name, cancellationToken);
        if (machine is null && instance is not null && instance.Metadata.DeletionTimestamp is null) await _instances.DeleteAsync(ns, name, cancellationToken);
        return machine is null && instance is null;
    }

    private VirtualMachine Build(MachineRequest request)
    {
        var desktop = request.Desktop;
        var name = DesktopNames.Machine(desktop.Metadata.Name);
        return new VirtualMachine
        {
            Metadata = DesktopOwner.Metadata(desktop, name, "machine"),
            Spec = new VirtualMachineSpec
            {
                RunStrategy = desktop.Spec.Running ? "Always" : "Halted",
                Template = new InstanceTemplate
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { [Labels.Desktop] = desktop.Metadata.Name } },
                    Spec = new InstanceSpec
                    {
                        Domain = new DomainSpec
                        {
                            Cpu = new Cpu { Cores = request.Size.Cpu },
                            Memory = new Memory { Guest = request.Size.Memory },
                            Devices = new Devices
                            {
                                Disks =
                                [
                                    new Disk { Name = "root", Target = new DiskTarget { Bus = "virtio" } },
                                    new Disk { Name = "data", Target = new DiskTarget { Bus = "virtio" } },
                                    new Disk { Name = "cloudinit", Target = new DiskTarget { Bus = "virtio" } },
                                ],
                                Interfaces = [new Interface { Name = "default", Masquerade = [] }],
                            },
                        },
                        Networks = [new Network { Name = "default", Pod = [] }],
                        Volumes =
                        [
                            new Volume { Name = "root", ContainerDisk = new ContainerDiskSource { Image = desktop.Spec.Image ?? options.Value.DefaultImage } },
                            new Volume { Name = "data", PersistentVolumeClaim = new ClaimSource { ClaimName = DesktopNames.DataDisk(desktop.Metadata.Name) } },
                            new Volume
                            {
                                Name = "cloudinit",
                                CloudInitNoCloud = new CloudInitNoCloudSource { SecretRef = new V1LocalObjectReference { Name = DesktopNames.CloudInitSecret(desktop.Metadata.Name) } },
                            },
                        ],
                    },
                },
            },
        };
    }

    private static bool Differs(VirtualMachine existing, VirtualMachine wanted) =>
        existing.Spec.RunStrategy != wanted.Spec.RunStrategy ||
        existing.Spec.Template.Spec.Domain.Cpu?.Cores != wanted.Spec.Template.Spec.Domain.Cpu?.Cores ||
        existing.Spec.Template.Spec.Domain.Memory?.Guest != wanted.Spec.Template.Spec.Domain.Memory?.Guest;

    private async Task EnsureCloudInitAsync(MachineRequest request, CancellationToken cancellationToken)
    {
        var desktop = request.Desktop;
        var name = DesktopNames.CloudInitSecret(desktop.Metadata.Name);
        var userData = Encoding.UTF8.GetBytes(CloudInit.UserData(desktop, request.AgentToken, request.Chat, options.Value.AgentPort));
        var existing = secrets.Get(desktop.Metadata.NamespaceProperty, name);
        if (existing?.Data?.TryGetValue("userdata", out var current) == true && current.AsSpan().SequenceEqual(userData)) return;
        var secret = new V1Secret
        {
            ApiVersion = "v1", Kind = "Secret",
            Metadata = DesktopOwner.Metadata(desktop, name, "cloud-init"),
            Type = "Opaque",
            Data = new Dictionary<string, byte[]> { ["userdata"] = userData },
        };
        if (existing is null)
        {
            try
            {
                await _secrets.CreateAsync(secret, cancellationToken);
                return;
            }
            catch (KubeApiException e) when (e.IsConflict)
            {
                // Exists already: replace below with the fresh content.
            }
        }
        await _secrets.MergePatchAsync(secret.Metadata.NamespaceProperty, name, new { data = new Dictionary<string, string> { ["userdata"] = Convert.ToBase64String(userData) } },
            cancellationToken);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "created VirtualMachine {Namespace}/{Name}")]
        public static partial void Created(ILogger logger, string @namespace, string name);

        [LoggerMessage(Level = LogLevel.Information, Message = "restarted {Namespace}/{Name}: {How}")]
        public static partial void Restarted(ILogger logger, string @namespace, string name, string how);
    }
}
