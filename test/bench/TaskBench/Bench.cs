using System.Diagnostics;
using System.Globalization;
using System.Text;
using k8s;
using k8s.Models;
using LeBureau.AgentContract;
using LeBureau.Bench;
using LeBureau.ControlPlane;
using LeBureau.Operator;
using LeBureau.Operator.Desktops;
using LeBureau.Operator.Runtime;
using LeBureau.Operator.Tasks;
using LeBureau.Operator.Tests.KubeVirtSimulator;
using LeBureau.Resources;
using Microsoft.Extensions.DependencyInjection;

namespace LeBureau.TaskBench;

/// <summary>
/// Mission control's throughput: N command tasks spread over D desktops (KubeVirt simulator, a real desktop agent in
/// every VM) against a real control plane, with the operator in this process. The clock runs from the first task
/// create until every task is done in the operator's cache. Baselines measured in the same run: the raw API-server
/// writes the operator makes for the same number of tasks (nothing else), and the same runs issued straight to the
/// agents (what the desktops themselves need, no Kubernetes at all).
/// </summary>
public static class Bench
{
    // Per task: status pending, running, done (three /status PUTs) and two Events (TaskRunning, Succeeded).
    private const int WritesPerTask = 5;
    private const int Concurrency = 8;

    public static async Task<int> RunAsync(string[] args)
    {
        var n = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
        var d = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
        Console.WriteLine($"tasks: {n} over {d} desktops; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} on {Environment.ProcessorCount} cores");
        Console.WriteLine("starting a control plane (etcd, kube-apiserver, kube-controller-manager)…");
        await using var plane = await ControlPlane.ControlPlane.StartAsync(new ControlPlaneOptions { CrdDirectory = BenchSupport.Find("crds") });
        using var client = plane.CreateClient();
        foreach (var ns in new[] { "baseline", "bench" })
        {
            await client.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        }
        var api = new KubeApi(client);
        var tasks = new ResourceClient<DesktopTask>(api);

        var baseline = await RawWritesAsync(api, n);
        Console.WriteLine($"baseline: {n * WritesPerTask} raw writes in {baseline.TotalSeconds:F2} s ({n * WritesPerTask / baseline.TotalSeconds:F0} writes/s)");

        var agentPort = FreePort.Next();
        await using var simulator = await VirtualMachineSimulator.StartAsync(plane, "bench", BenchSupport.AgentBinary(), agentPort: agentPort, workers: Concurrency);
        var app = OperatorApp.Build(
        [
            "--urls=http://127.0.0.1:0", $"--Kubernetes:Kubeconfig={plane.KubeconfigPath}", "--Operator:Runtime=KubeVirt",
            "--Operator:Namespaces:0=bench", $"--Operator:Workers={Concurrency}", "--Operator:AgentProbeInterval=00:00:01",
            $"--Operator:AgentPort={agentPort}", "--Logging:LogLevel:Default=Warning",
        ]);
        await app.StartAsync();
        try
        {
            var desktops = app.Services.GetRequiredService<Informer<Desktop>>();
            var taskCache = app.Services.GetRequiredService<Informer<DesktopTask>>();
            var secrets = app.Services.GetRequiredService<Informer<V1Secret>>();
            await desktops.WaitForSyncAsync(CancellationToken.None);
            var desktopClient = new ResourceClient<Desktop>(api);
            for (var i = 0; i < d; i++)
            {
                await desktopClient.CreateAsync(new Desktop
                {
                    Metadata = new V1ObjectMeta { Name = $"d{i:D2}", NamespaceProperty = "bench" },
                    Spec = new Desktop.DesktopSpec { DisplayName = $"bench {i}", KeepAlive = true },
                });
            }
            await UntilAsync(() => desktops.List("bench").Count(x => x.Status.AgentReady) == d, TimeSpan.FromMinutes(3), $"{d} desktops ready");
            Console.WriteLine($"{d} desktops ready (real agents)");

            var floor = await AgentsAloneAsync(app.Services.GetRequiredService<AgentRunClient>(), desktops.List("bench"), secrets, n);
            Console.WriteLine($"agents alone: {n} runs in {floor.TotalSeconds:F2} s ({n / floor.TotalSeconds:F1} runs/s; {d} desktops, one run at a time each)");

            var writesBefore = await BenchSupport.WritesAsync(plane);
            var clock = Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(0, n), new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (i, ct) =>
                await tasks.CreateAsync(Task("bench", i, d), ct));
            var created = clock.Elapsed;
            await UntilAsync(() => taskCache.List("bench").Count(t => t.Status?.Phase == TaskPhase.Done) == n, TimeSpan.FromMinutes(20),
                $"{n} tasks done", () => string.Join(", ", taskCache.List("bench").GroupBy(t => t.Status?.Phase).Select(g => $"{g.Key}: {g.Count()}")));
            var elapsed = clock.Elapsed;
            var writes = await BenchSupport.WritesAsync(plane) - writesBefore - n;
            var failed = taskCache.List("bench").Count(t => t.Status?.Phase != TaskPhase.Done);

            Console.WriteLine($"operator: {n} tasks done in {elapsed.TotalSeconds:F2} s ({n / elapsed.TotalSeconds:F1} tasks/s; creates took {created.TotalSeconds:F2} s; not done: {failed})");
            Console.WriteLine($"writes by the operator (API server's count, task creates excluded): {writes:F0} ({writes / n:F2} per task)");
            Console.WriteLine($"ratio to raw writes: {elapsed.TotalSeconds / baseline.TotalSeconds:F2}x the time of {n * WritesPerTask} raw writes");
            Console.WriteLine($"ratio to the agents alone: {elapsed.TotalSeconds / floor.TotalSeconds:F2}x the time of the same runs straight to the agents");
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
        return 0;
    }

    private static DesktopTask Task(string ns, int i, int desktops) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = $"t{i:D4}", NamespaceProperty = ns,
            // The api-server's precise creation time: queue order within one second.
            Annotations = new Dictionary<string, string> { [Annotations.CreatedAt] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture) },
        },
        Spec = new DesktopTask.DesktopTaskSpec { DesktopRef = $"d{i % desktops:D2}", Type = TaskType.Command, Content = $"echo task {i}", Run = true },
    };

    /// <summary>The writes the operator makes per task, straight to the API server with <see cref="Concurrency"/> writers.</summary>
    private static async Task<TimeSpan> RawWritesAsync(KubeApi api, int n)
    {
        var tasks = new ResourceClient<DesktopTask>(api);
        var events = new ResourceClient<Corev1Event>(api);
        // The tasks themselves are created before the clock starts: the operator run does not count them either.
        await Parallel.ForEachAsync(Enumerable.Range(0, n), new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (i, ct) =>
            await tasks.CreateAsync(Task("baseline", i, 20), ct));
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, n), new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (i, ct) =>
        {
            var task = (await tasks.GetAsync("baseline", $"t{i:D4}", ct))!;
            task.Status = new DesktopTask.DesktopTaskStatus { Phase = TaskPhase.Pending };
            task = await tasks.ReplaceStatusAsync(task, ct);
            task.Status.Phase = TaskPhase.Running;
            task.Status.StartedAt = DateTimeOffset.UtcNow;
            task = await tasks.ReplaceStatusAsync(task, ct);
            await events.CreateAsync(Event(task, "TaskRunning", "running"), ct);
            task.Status.Phase = TaskPhase.Done;
            task.Status.Output = $"task {i}\n";
            task.Status.ExitCode = 0;
            task.Status.CompletedAt = DateTimeOffset.UtcNow;
            task = await tasks.ReplaceStatusAsync(task, ct);
            await events.CreateAsync(Event(task, "Succeeded", "exit 0"), ct);
        });
        return clock.Elapsed;
    }

    private static Corev1Event Event(DesktopTask task, string reason, string message) => new()
    {
        Metadata = new V1ObjectMeta { GenerateName = task.Metadata.Name + ".", NamespaceProperty = task.Metadata.NamespaceProperty },
        InvolvedObject = new V1ObjectReference
        {
            ApiVersion = task.ApiVersion, Kind = task.Kind, Name = task.Metadata.Name, NamespaceProperty = task.Metadata.NamespaceProperty, Uid = task.Metadata.Uid,
        },
        Reason = reason, Message = message, Type = "Normal", Source = new V1EventSource { Component = "lebureau-operator" },
        FirstTimestamp = DateTime.UtcNow, LastTimestamp = DateTime.UtcNow, Count = 1,
    };

    /// <summary>
    /// The same N runs straight to the desktops' agents with the operator's run client: one lane per desktop, each run
    /// started and then asked about until it has ended (the agent holds the question until then, or 5 ms polls).
    /// </summary>
    private static async Task<TimeSpan> AgentsAloneAsync(AgentRunClient agents, IReadOnlyList<Desktop> desktops, Informer<V1Secret> secrets, int n)
    {
        var lanes = desktops.Select(x => (Endpoint: x.Status.AgentEndpoint!, Token: Encoding.UTF8.GetString(
            secrets.Get(x.Metadata.NamespaceProperty, DesktopNames.AgentTokenSecret(x.Metadata.Name))!.Data[DesktopNames.TokenKey]))).ToList();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, lanes.Count), new ParallelOptions { MaxDegreeOfParallelism = lanes.Count }, async (lane, ct) =>
        {
            var (endpoint, token) = lanes[lane];
            for (var i = lane; i < n; i += lanes.Count)
            {
                var id = $"floor-{i}";
                var run = await agents.StartAsync(endpoint, token, new RunRequest(id, RunKind.Command, $"echo task {i}", 60_000), ct);
                while (run.State?.Status is RunStatus.Running or null)
                {
                    if (run.Kind is not RunObservationKind.Found) throw new InvalidOperationException($"run {id}: {run.Kind} {run.Error}");
                    await System.Threading.Tasks.Task.Delay(5, ct);
                    run = await agents.GetAsync(endpoint, token, id, ct);
                }
            }
        });
        return clock.Elapsed;
    }

    private static async Task UntilAsync(Func<bool> done, TimeSpan timeout, string what, Func<string>? progress = null)
    {
        var clock = Stopwatch.StartNew();
        while (!done())
        {
            if (clock.Elapsed > timeout) throw new TimeoutException($"{what}: not after {timeout}; {progress?.Invoke()}");
            await System.Threading.Tasks.Task.Delay(20);
        }
    }
}
