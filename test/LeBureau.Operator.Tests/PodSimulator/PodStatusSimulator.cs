using System.Collections.Concurrent;
using System.Text;
using k8s;
using k8s.Models;
using LeBureau.Operator.Local;
using LeBureau.Operator.Runtime;
using LeBureau.Operator.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace LeBureau.Operator.Tests.PodSimulator;

/// <summary>
/// Plays the kubelet for the tests (the control plane has none): a new Pod gets a loopback IP in 127.79.x.y, a real
/// desktop agent on that IP and the Pod's agent port with the token from the Secret the Pod mounts, and then its
/// /status patched to phase Running, that podIP and Ready=True. Deleting a Pod stops its agent. Built on the operator's own runtime.
/// </summary>
public sealed class PodStatusSimulator : IReconciler<V1Pod>, IAsyncDisposable
{
    private readonly Kubernetes _client;
    private readonly Informer<V1Pod> _pods;
    private readonly Informer<V1Secret> _secrets;
    private readonly ResourceClient<V1Pod> _podClient;
    private readonly LocalDesktopLauncher _launcher;
    private readonly ConcurrentDictionary<string, LaunchedDesktop> _agents = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _tasks = [];
    private static int _nextAddress;
    private static int _nextDisplay;

    private PodStatusSimulator(Kubernetes client, string @namespace, string agentBinary)
    {
        _client = client;
        var api = new KubeApi(client);
        var options = new InformerOptions { Namespaces = [@namespace] };
        _pods = new Informer<V1Pod>(new ResourceClient<V1Pod>(api), options, NullLogger<Informer<V1Pod>>.Instance);
        _secrets = new Informer<V1Secret>(new ResourceClient<V1Secret>(api), options, NullLogger<Informer<V1Secret>>.Instance);
        _podClient = new ResourceClient<V1Pod>(api);
        _launcher = SimulatorLauncher.Create("pod-sim-", agentBinary);
        _pods.Changed += (type, old, current) =>
        {
            if (type == WatchEventType.Deleted && old is not null && _agents.TryRemove(old.Metadata.Uid, out var agent))
            {
                _ = Task.Run(() => agent.StopAsync());
            }
        };
    }

    /// <summary>Starts simulating in <paramref name="namespace"/>, running <paramref name="agentBinary"/> in each Pod.</summary>
    public static async Task<PodStatusSimulator> StartAsync(ControlPlane.ControlPlane plane, string @namespace, string agentBinary)
    {
        ArgumentNullException.ThrowIfNull(plane);
        var simulator = new PodStatusSimulator(plane.CreateClient(), @namespace, agentBinary);
        var controller = new Controller<V1Pod>("pod-simulator", simulator._pods, simulator, new ControllerOptions { Workers = 2 },
            NullLogger<Controller<V1Pod>>.Instance);
        var token = simulator._stop.Token;
        simulator._tasks.Add(simulator._pods.RunAsync(token));
        simulator._tasks.Add(simulator._secrets.RunAsync(token));
        simulator._tasks.Add(controller.RunAsync(token));
        await simulator._pods.WaitForSyncAsync(token);
        await simulator._secrets.WaitForSyncAsync(token);
        return simulator;
    }

    /// <inheritdoc />
    public async Task<ReconcileResult> ReconcileAsync(V1Pod pod, CancellationToken cancellationToken)
    {
        if (pod.Metadata.DeletionTimestamp is not null || pod.Status?.Phase is "Running" or "Failed" or "Succeeded" || _agents.ContainsKey(pod.Metadata.Uid))
        {
            return ReconcileResult.Success;
        }
        var ns = pod.Metadata.NamespaceProperty;
        var token = AgentToken(pod);
        if (token is null) return ReconcileResult.RequeueAfter(TimeSpan.FromMilliseconds(200));
        var port = pod.Spec.Containers[0].Ports![0].ContainerPort;
        var n = Interlocked.Increment(ref _nextAddress);
        var ip = $"127.79.{n / 250 % 250}.{n % 250 + 2}";
        // The home is the data disk: a folder per claim, so a new Pod of the same desktop finds the files of the one before.
        var claim = pod.Spec.Volumes?.FirstOrDefault(v => v.PersistentVolumeClaim is not null)?.PersistentVolumeClaim?.ClaimName;
        var home = claim is null ? null : (await _client.ReadNamespacedPersistentVolumeClaimAsync(claim, ns, cancellationToken: cancellationToken)).Metadata.Uid;
        var agent = _launcher.Launch(new LaunchRequest($"{ns}-{pod.Metadata.Name}-{n}", ip, 1700 + Interlocked.Increment(ref _nextDisplay) % 200, port, token, 1024, 768,
            HomeId: home));
        _agents[pod.Metadata.Uid] = agent;
        var now = DateTime.UtcNow;
        pod.Status = new V1PodStatus
        {
            Phase = "Running", PodIP = ip, PodIPs = [new V1PodIP { Ip = ip }], StartTime = now,
            Conditions = [new V1PodCondition { Type = "Ready", Status = "True", LastTransitionTime = now }],
        };
        try
        {
            await _podClient.ReplaceStatusAsync(pod, cancellationToken);
        }
        catch
        {
            if (_agents.TryRemove(pod.Metadata.Uid, out var started)) await started.StopAsync(CancellationToken.None);
            throw;
        }
        return ReconcileResult.Success;
    }

    /// <summary>
    /// The desktop container of Pod <paramref name="name"/> ends on its own (as when it is OOM-killed): its agent stops and, as
    /// the kubelet does for a Pod with restartPolicy Never, the Pod's phase becomes Failed with the container's exit.
    /// </summary>
    public async Task EndAsync(string @namespace, string name, int exitCode, string reason)
    {
        var pod = await _client.ReadNamespacedPodAsync(name, @namespace);
        if (_agents.TryRemove(pod.Metadata.Uid, out var agent)) await agent.StopAsync();
        var now = DateTime.UtcNow;
        pod.Status.Phase = "Failed";
        pod.Status.Conditions = [new V1PodCondition { Type = "Ready", Status = "False", LastTransitionTime = now }];
        pod.Status.ContainerStatuses =
        [
            new V1ContainerStatus
            {
                Name = pod.Spec.Containers[0].Name, Image = pod.Spec.Containers[0].Image, ImageID = "", Ready = false, RestartCount = 0,
                State = new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = exitCode, Reason = reason, FinishedAt = now } },
            },
        ];
        await _podClient.ReplaceStatusAsync(pod, CancellationToken.None);
    }

    private string? AgentToken(V1Pod pod)
    {
        var source = pod.Spec.Volumes?.FirstOrDefault(v => v.Secret is not null)?.Secret;
        if (source is null) return null;
        var secret = _secrets.Get(pod.Metadata.NamespaceProperty, source.SecretName);
        var key = source.Items?.FirstOrDefault()?.Key ?? "token";
        return secret?.Data?.TryGetValue(key, out var bytes) == true ? Encoding.UTF8.GetString(bytes) : null;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_tasks).ContinueWith(_ => { }, TaskScheduler.Default);
        await Task.WhenAll(_agents.Values.Select(a => a.StopAsync()));
        _agents.Clear();
        await _launcher.ReapAsync();
        _client.Dispose();
        _stop.Dispose();
    }
}
