using k8s.Models;
using LeBureau.Operator.Desktops;
using LeBureau.Operator.Machines;
using LeBureau.Operator.Runtime;
using LeBureau.Resources;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeBureau.Operator.Pods;

/// <summary>
/// The pod runtime, for clusters without KubeVirt or KVM: per desktop a data disk PVC (kept while stopped) and, while
/// spec.running, a Pod running the desktop image (<see cref="DesktopPod"/>), both owned by the Desktop. Stop deletes the
/// Pod; restart deletes it too and the next reconcile creates a new one. A running Pod keeps its spec: a new tier or image
/// applies from the next start, as a VM's resize applies from its next boot.
/// </summary>
public sealed partial class PodRuntime(
    KubeApi api,
    Informer<V1Pod> pods,
    Informer<V1PersistentVolumeClaim> claims,
    IOptions<OperatorOptions> options,
    ILogger<PodRuntime> logger) : IDesktopRuntime
{
    private readonly ResourceClient<V1Pod> _pods = new(api);
    private readonly ResourceClient<V1PersistentVolumeClaim> _claims = new(api);

    /// <inheritdoc />
    public async Task<MachineObservation> EnsureAsync(MachineRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var desktop = request.Desktop;
        var ns = desktop.Metadata.NamespaceProperty;
        var name = DesktopNames.Machine(desktop.Metadata.Name);
        await DataDisk.EnsureAsync(claims, _claims, desktop, request.Size, cancellationToken);
        var pod = pods.Get(ns, name);
        if (desktop.Spec.Running && pod is null)
        {
            try
            {
                await _pods.CreateAsync(DesktopPod.Build(desktop, request.Size, options.Value.DefaultImage, options.Value.AgentPort, request.Chat), cancellationToken);
                Log.Created(logger, ns, name);
            }
            catch (KubeApiException e) when (e.IsConflict)
            {
                // Created by an earlier pass the cache has not shown yet.
            }
        }
        else if (!desktop.Spec.Running && pod is not null && pod.Metadata.DeletionTimestamp is null)
        {
            await _pods.DeleteAsync(ns, name, cancellationToken);
            Log.Deleted(logger, ns, name, "stopped");
        }
        return DesktopPod.Observe(desktop.Spec.Running, pod);
    }

    /// <inheritdoc />
    public async Task RestartAsync(Desktop desktop, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(desktop);
        var ns = desktop.Metadata.NamespaceProperty;
        var name = DesktopNames.Machine(desktop.Metadata.Name);
        if (await _pods.DeleteAsync(ns, name, cancellationToken)) Log.Deleted(logger, ns, name, "restart");
    }

    /// <inheritdoc />
    public async Task<bool> DestroyAsync(Desktop desktop, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(desktop);
        var ns = desktop.Metadata.NamespaceProperty;
        var name = DesktopNames.Machine(desktop.Metadata.Name);
        var pod = pods.Get(ns, name);
        if (pod is not null && pod.Metadata.DeletionTimestamp is null) await _pods.DeleteAsync(ns, name, cancellationToken);
        return pod is null;
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "created Pod {Namespace}/{Name}")]
        public static partial void Created(ILogger logger, string @namespace, string name);

        [LoggerMessage(Level = LogLevel.Information, Message = "deleted Pod {Namespace}/{Name}: {Why}")]
        public static partial void Deleted(ILogger logger, string @namespace, string name, string why);
    }
}
