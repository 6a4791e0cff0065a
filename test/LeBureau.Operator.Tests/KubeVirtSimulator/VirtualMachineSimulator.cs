using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using k8s;
using k8s.Models;
using LeBureau.Operator.KubeVirt;
using LeBureau.Operator.Local;
using LeBureau.Operator.Runtime;
using LeBureau.Operator.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace LeBureau.Operator.Tests.KubeVirtSimulator;

/// <summary>
/// Plays virt-controller and virt-handler for the tests: a VirtualMachine with runStrategy Always gets a
/// VirtualMachineInstance (phase Running, a loopback IP in 127.{block}.x.y) and, unless no launcher is given,
/// a real desktop agent on that IP with the token cloud-init carries; Halted deletes the instance; a deleted
/// instance (restart) is recreated. Deleting an instance stops its agent. Built on the operator's own runtime.
/// </summary>
public sealed partial class VirtualMachineSimulator : IReconciler<VirtualMachine>, IAsyncDisposable
{
    private readonly Kubernetes _client;
    private readonly Informer<VirtualMachine> _machines;
    private readonly Informer<VirtualMachineInstance> _instances;
    private readonly Informer<V1Secret> _secrets;
    private readonly ResourceClient<VirtualMachineInstance> _instanceClient;
    private readonly LocalDesktopLauncher? _launcher;
    private readonly int _agentPort;
    private readonly int _block;
    private readonly ConcurrentDictionary<string, LaunchedDesktop> _agents = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _tasks = [];
    private static int _nextAddress;
    private static int _nextDisplay;

    private VirtualMachineSimulator(Kubernetes client, string? @namespace, LocalDesktopLauncher? launcher, int agentPort, int block)
    {
        _client = client;
        var api = new KubeApi(client);
        var options = new InformerOptions { Namespaces = @namespace is null ? null : [@namespace] };
        _machines = new Informer<VirtualMachine>(new ResourceClient<VirtualMachine>(api), options, NullLogger<Informer<VirtualMachine>>.Instance);
        _instances = new Informer<VirtualMachineInstance>(new ResourceClient<VirtualMachineInstance>(api), options, NullLogger<Informer<VirtualMachineInstance>>.Instance);
        _secrets = new Informer<V1Secret>(new ResourceClient<V1Secret>(api), options, NullLogger<Informer<V1Secret>>.Instance);
        _instanceClient = new ResourceClient<VirtualMachineInstance>(api);
        _launcher = launcher;
        _agentPort = agentPort;
        _block = block;
        _instances.Changed += (type, old, current) =>
        {
            if (type == WatchEventType.Deleted && old is not null && _agents.TryRemove(old.Metadata.Uid, out var agent))
            {
                _ = Task.Run(() => agent.StopAsync());
            }
        };
    }

    /// <summary>Instances created so far.</summary>
    public int InstancesCreated => _created;

    private int _created;

    /// <summary>Starts simulating in <paramref name="namespace"/> (all when null). With <paramref name="agentBinary"/> null no agent runs (a cheap stand-in).</summary>
    public static async Task<VirtualMachineSimulator> StartAsync(ControlPlane.ControlPlane plane, string? @namespace, string? agentBinary,
        int agentPort = 8080, int workers = 4)
    {
        ArgumentNullException.ThrowIfNull(plane);
        await KubeVirtCrds.InstallAsync(plane);
        var launcher = agentBinary is null ? null : SimulatorLauncher.Create("kubevirt-sim-", agentBinary);
        var simulator = new VirtualMachineSimulator(plane.CreateClient(), @namespace, launcher, agentPort, 78);
        var controller = new Controller<VirtualMachine>("kubevirt-simulator", simulator._machines, simulator,
            new ControllerOptions { Workers = workers }, NullLogger<Controller<VirtualMachine>>.Instance);
        controller.Owns(simulator._instances);
        var token = simulator._stop.Token;
        simulator._tasks.Add(simulator._machines.RunAsync(token));
        simulator._tasks.Add(simulator._instances.RunAsync(token));
        simulator._tasks.Add(simulator._secrets.RunAsync(token));
        simulator._tasks.Add(controller.RunAsync(token));
        await simulator._instances.WaitForSyncAsync(token);
        await simulator._secrets.WaitForSyncAsync(token);
        return simulator;
    }

    /// <inheritdoc />
    public async Task<ReconcileResult> ReconcileAsync(VirtualMachine machine, CancellationToken cancellationToken)
    {
        var ns = machine.Metadata.NamespaceProperty;
        var name = machine.Metadata.Name;
        var instance = _instances.Get(ns, name);
        if (machine.Metadata.DeletionTimestamp is not null) return ReconcileResult.Success;
        if (machine.Spec.RunStrategy != "Always")
        {
            if (instance is not null && instance.Metadata.DeletionTimestamp is null) await _instanceClient.DeleteAsync(ns, name, cancellationToken);
            return ReconcileResult.Success;
        }
        if (instance is not null) return instance.Metadata.DeletionTimestamp is null ? ReconcileResult.Success : ReconcileResult.RequeueAfter(TimeSpan.FromMilliseconds(200));

        var n = Interlocked.Increment(ref _nextAddress);
        var ip = $"127.{_block}.{n / 250 % 250}.{n % 250 + 2}";
        LaunchedDesktop? agent = null;
        if (_launcher is not null)
        {
            var token = AgentToken(machine) ?? throw new InvalidOperationException($"no agent token in the cloud-init of {ns}/{name}");
            agent = _launcher.Launch(new LaunchRequest($"{ns}-{name}-{n}", ip, 600 + Interlocked.Increment(ref _nextDisplay) % 1000, _agentPort, token, 1024, 768));
        }
        try
        {
            var created = await _instanceClient.CreateAsync(new VirtualMachineInstance
            {
                Metadata = new V1ObjectMeta
                {
                    Name = name, NamespaceProperty = ns, Labels = machine.Spec.Template.Metadata?.Labels,
                    OwnerReferences =
                    [
                        new V1OwnerReference
                        {
                            ApiVersion = machine.ApiVersion, Kind = machine.Kind, Name = name, Uid = machine.Metadata.Uid, Controller = true, BlockOwnerDeletion = true,
                        },
                    ],
                },
                Spec = machine.Spec.Template.Spec,
                Status = new VirtualMachineInstanceStatus { Phase = "Running", Interfaces = [new InstanceInterface { Name = "default", IpAddress = ip }] },
            }, cancellationToken);
            Interlocked.Increment(ref _created);
            if (agent is not null) _agents[created.Metadata.Uid] = agent;
        }
        catch
        {
            if (agent is not null) await agent.StopAsync(CancellationToken.None);
            throw;
        }
        return ReconcileResult.Success;
    }

    /// <summary>Kills the agent inside an instance (a guest agent crash); false when none runs there.</summary>
    public async Task<bool> KillAgentAsync(string @namespace, string name)
    {
        var instance = _instances.Get(@namespace, name);
        if (instance is null || !_agents.TryRemove(instance.Metadata.Uid, out var agent)) return false;
        await agent.StopAsync();
        return true;
    }

    private string? AgentToken(VirtualMachine machine)
    {
        var secretName = machine.Spec.Template.Spec.Volumes?.FirstOrDefault(v => v.CloudInitNoCloud?.SecretRef is not null)?.CloudInitNoCloud!.SecretRef!.Name;
        if (secretName is null) return null;
        var secret = _secrets.Get(machine.Metadata.NamespaceProperty, secretName);
        if (secret?.Data?.TryGetValue("userdata", out var bytes) != true) return null;
        var match = TokenFile().Match(Encoding.UTF8.GetString(bytes!));
        return match.Success ? Encoding.UTF8.GetString(Convert.FromBase64String(match.Groups[1].Value)) : null;
    }

    [GeneratedRegex(@"path: /etc/lebureau/agent-token\s+permissions: '0600'\s+encoding: b64\s+content: (\S+)")]
    private static partial Regex TokenFile();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_tasks).ContinueWith(_ => { }, TaskScheduler.Default);
        await Task.WhenAll(_agents.Values.Select(a => a.StopAsync()));
        _agents.Clear();
        if (_launcher is not null) await _launcher.ReapAsync();
        _client.Dispose();
        _stop.Dispose();
    }
}
