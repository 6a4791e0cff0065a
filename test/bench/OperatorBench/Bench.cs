using System.Diagnostics;
using System.Globalization;
using k8s;
using k8s.Models;
using LeBureau.Bench;
using LeBureau.ControlPlane;
using LeBureau.Operator;
using LeBureau.Operator.KubeVirt;
using LeBureau.Operator.Runtime;
using LeBureau.Operator.Tests.KubeVirtSimulator;
using LeBureau.Resources;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace LeBureau.OperatorBench;

/// <summary>
/// Creates N Desktops against a real control plane with the operator (kubevirt runtime) and the KubeVirt simulator
/// (agent stand-in) in this process, and measures the time until every desktop has its VM and phase Running.
/// Baseline in the same run: the same number of raw API-server writes the operator and simulator make per desktop.
/// </summary>
public static class Bench
{
    // Per desktop: finalizer patch, agent token Secret, cloud-init Secret, PVC, VirtualMachine, two status writes
    // (Booting, Running) and the simulator's VirtualMachineInstance.
    private const int WritesPerDesktop = 8;

    public static async Task<int> RunAsync(string[] args)
    {
        var n = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 500;
        var concurrency = 8;
        Console.WriteLine($"starting a control plane (etcd, kube-apiserver, kube-controller-manager)…");
        await using var plane = await ControlPlane.ControlPlane.StartAsync(new ControlPlaneOptions { CrdDirectory = BenchSupport.Find("crds") });
        using var client = plane.CreateClient();
        await KubeVirtCrds.InstallAsync(plane);
        foreach (var ns in new[] { "baseline", "bench" })
        {
            await client.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        }

        var baseline = await BaselineAsync(client, n, concurrency);
        Console.WriteLine($"baseline: {n * WritesPerDesktop} raw writes in {baseline.TotalSeconds:F2} s ({n * WritesPerDesktop / baseline.TotalSeconds:F0} writes/s)");

        await using var simulator = await VirtualMachineSimulator.StartAsync(plane, "bench", agentBinary: null, workers: concurrency);
        var app = OperatorApp.Build(
        [
            "--urls=http://127.0.0.1:0", $"--Kubernetes:Kubeconfig={plane.KubeconfigPath}", "--Operator:Runtime=KubeVirt",
            "--Operator:Namespaces:0=bench", $"--Operator:Workers={concurrency}", "--Operator:AgentProbeInterval=00:01:00",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await app.StartAsync();
        var desktops = app.Services.GetRequiredService<Informer<Desktop>>();
        var machines = app.Services.GetRequiredService<Informer<VirtualMachine>>();
        await desktops.WaitForSyncAsync(CancellationToken.None);
        var creator = new ResourceClient<Desktop>(new KubeApi(client));

        var writesBefore = await BenchSupport.WritesAsync(plane);
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, n), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, ct) =>
            await creator.CreateAsync(new Desktop
            {
                Metadata = new V1ObjectMeta { Name = $"d{i:D4}", NamespaceProperty = "bench" },
                Spec = new Desktop.DesktopSpec { DisplayName = $"bench {i}", KeepAlive = true },
            }, ct));
        var created = clock.Elapsed;
        while (desktops.List("bench").Count(d => d.Status.Phase == DesktopPhase.Running) < n || machines.List("bench").Count < n)
        {
            await Task.Delay(50);
            if (clock.Elapsed > TimeSpan.FromMinutes(15)) throw new TimeoutException($"only {desktops.List("bench").Count(d => d.Status.Phase == DesktopPhase.Running)} of {n} running");
        }
        var elapsed = clock.Elapsed;
        var writes = await BenchSupport.WritesAsync(plane) - writesBefore - n;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        var rss = Process.GetCurrentProcess().WorkingSet64;
        await app.StopAsync();
        await app.DisposeAsync();

        var rate = n / elapsed.TotalSeconds;
        Console.WriteLine($"operator: {n} desktops Running with their VM in {elapsed.TotalSeconds:F2} s ({rate:F1} desktops/s; creates took {created.TotalSeconds:F2} s)");
        Console.WriteLine($"writes by operator and simulator (API server's count, Desktop creates excluded): {writes:F0} ({writes / n:F1} per desktop)");
        Console.WriteLine($"ratio to raw writes: {elapsed.TotalSeconds / baseline.TotalSeconds:F2}x the time of {n * WritesPerDesktop} raw writes");
        Console.WriteLine($"memory at N={n}: managed heap {heap / 1048576.0:F1} MiB, process RSS {rss / 1048576.0:F1} MiB (operator + simulator + bench in one process)");
        return 0;
    }

    private static async Task<TimeSpan> BaselineAsync(Kubernetes client, int n, int concurrency)
    {
        var api = new KubeApi(client);
        var secrets = new ResourceClient<V1Secret>(api);
        var claims = new ResourceClient<V1PersistentVolumeClaim>(api);
        var machines = new ResourceClient<VirtualMachine>(api);
        var instances = new ResourceClient<VirtualMachineInstance>(api);
        var desktops = new ResourceClient<Desktop>(api);
        // The Desktops themselves are created before the clock starts: the operator run does not count them either.
        await Parallel.ForEachAsync(Enumerable.Range(0, n), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, ct) =>
            await desktops.CreateAsync(new Desktop { Metadata = new V1ObjectMeta { Name = $"d{i:D4}", NamespaceProperty = "baseline" }, Spec = new Desktop.DesktopSpec { DisplayName = "x" } }, ct));
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, n), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, ct) =>
        {
            var name = $"d{i:D4}";
            var desktop = (await desktops.GetAsync("baseline", name, ct))!;
            desktop = await desktops.AddFinalizerAsync(desktop, Finalizers.DesktopCleanup, ct);
            Meta(name + "-agent-token", out var m1);
            await secrets.CreateAsync(new V1Secret { ApiVersion = "v1", Kind = "Secret", Metadata = m1, StringData = new Dictionary<string, string> { ["token"] = "t" } }, ct);
            Meta(name + "-cloud-init", out var m2);
            await secrets.CreateAsync(new V1Secret { ApiVersion = "v1", Kind = "Secret", Metadata = m2, StringData = new Dictionary<string, string> { ["userdata"] = "u" } }, ct);
            Meta(name + "-data", out var m3);
            await claims.CreateAsync(new V1PersistentVolumeClaim
            {
                ApiVersion = "v1", Kind = "PersistentVolumeClaim", Metadata = m3,
                Spec = new V1PersistentVolumeClaimSpec
                {
                    AccessModes = ["ReadWriteOnce"],
                    Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new("20Gi") } },
                },
            }, ct);
            Meta(name, out var m4);
            await machines.CreateAsync(new VirtualMachine { Metadata = m4, Spec = new VirtualMachineSpec { RunStrategy = "Always" } }, ct);
            Meta(name, out var m5);
            await instances.CreateAsync(new VirtualMachineInstance { Metadata = m5, Status = new VirtualMachineInstanceStatus { Phase = "Running" } }, ct);
            desktop.Status = new Desktop.DesktopStatus { Phase = DesktopPhase.Booting };
            desktop = await desktops.ReplaceStatusAsync(desktop, ct);
            desktop.Status.Phase = DesktopPhase.Running;
            await desktops.ReplaceStatusAsync(desktop, ct);
        });
        return clock.Elapsed;
    }

    private static void Meta(string name, out V1ObjectMeta meta) => meta = new V1ObjectMeta { Name = name, NamespaceProperty = "baseline" };
}
