using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using k8s;
using k8s.Models;
using LeBureau.Bench;
using LeBureau.ControlPlane;
using LeBureau.Operator;
using LeBureau.Operator.Local;
using LeBureau.Operator.Runtime;
using LeBureau.Resources;
using Microsoft.Extensions.DependencyInjection;

namespace LeBureau.StartBench;

/// <summary>
/// How soon a desktop can act: create → agentReady and stop → start → agentReady, one desktop at a time, on the local
/// runtime (Xvfb, openbox and the real desktop agent per desktop) with the operator in this process, against the floor
/// measured in the same run: the same processes started by the same launch script, with the agent's /healthz polled
/// every 5 ms — what the desktop itself needs to come up, no Kubernetes and no operator.
/// </summary>
public static class Bench
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(5);

    public static async Task<int> RunAsync(string[] args)
    {
        var n = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
        Console.WriteLine($"desktops: {n}, one at a time; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} on {Environment.ProcessorCount} cores");
        var agentBinary = BenchSupport.AgentBinary();
        var scratch = Directory.CreateTempSubdirectory("lebureau-startbench-").FullName;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };

        var floor = await FloorAsync(http, new LocalDesktopLauncher(Path.Combine(scratch, "floor"), Path.Combine(scratch, "floor-data"), agentBinary), n);
        Report("floor: launch script → /healthz 200", floor, null);

        Console.WriteLine("starting a control plane (etcd, kube-apiserver, kube-controller-manager)…");
        await using var plane = await ControlPlane.ControlPlane.StartAsync(new ControlPlaneOptions { CrdDirectory = BenchSupport.Find("crds") });
        using var client = plane.CreateClient();
        await client.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "bench" } });
        var app = OperatorApp.Build(
        [
            "--urls=http://127.0.0.1:0", $"--Kubernetes:Kubeconfig={plane.KubeconfigPath}", "--Operator:Runtime=Local",
            "--Operator:Namespaces:0=bench", $"--Operator:AgentBinary={agentBinary}", $"--Operator:StateDirectory={Path.Combine(scratch, "operator")}",
            "--Operator:LocalAddressBlock=79", "--Logging:LogLevel:Default=Warning",
        ]);
        await app.StartAsync();
        try
        {
            var desktops = app.Services.GetRequiredService<Informer<Desktop>>();
            await desktops.WaitForSyncAsync(CancellationToken.None);
            var writer = new ResourceClient<Desktop>(new KubeApi(client));

            var created = new List<TimeSpan>();
            for (var i = 0; i < n; i++)
            {
                var name = $"d{i:D2}";
                var clock = Stopwatch.StartNew();
                await writer.CreateAsync(new Desktop
                {
                    Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "bench" },
                    Spec = new Desktop.DesktopSpec { DisplayName = name, KeepAlive = true },
                });
                await UntilAsync(() => desktops.Get("bench", name)?.Status.AgentReady == true, $"{name} agentReady");
                created.Add(clock.Elapsed);
            }
            Report("operator: create → agentReady", created, floor);

            var restarted = new List<TimeSpan>();
            for (var i = 0; i < n; i++)
            {
                var name = $"d{i:D2}";
                await writer.MergePatchAsync("bench", name, new { spec = new { running = false } });
                await UntilAsync(() => desktops.Get("bench", name)?.Status.Phase == DesktopPhase.Stopped, $"{name} stopped");
                var clock = Stopwatch.StartNew();
                await writer.MergePatchAsync("bench", name, new { spec = new { running = true } });
                await UntilAsync(() => desktops.Get("bench", name)?.Status.AgentReady == true, $"{name} agentReady again");
                restarted.Add(clock.Elapsed);
                await writer.MergePatchAsync("bench", name, new { spec = new { running = false } });
            }
            Report("operator: stop → start → agentReady", restarted, floor);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            try { Directory.Delete(scratch, recursive: true); } catch (IOException) { }
        }
        return 0;
    }

    /// <summary>The same launch script as the local runtime's, then /healthz until 200, one desktop at a time.</summary>
    private static async Task<List<TimeSpan>> FloorAsync(HttpClient http, LocalDesktopLauncher launcher, int n)
    {
        var times = new List<TimeSpan>();
        var port = FreePort.Next();
        for (var i = 0; i < n; i++)
        {
            var token = Guid.NewGuid().ToString("N");
            var address = $"127.79.250.{i + 2}";
            var clock = Stopwatch.StartNew();
            var desktop = launcher.Launch(new LaunchRequest($"floor-{i}", address, 950 + i, port, token, 1280, 800));
            try
            {
                while (!await ReadyAsync(http, $"http://{address}:{port}/healthz", token))
                {
                    if (clock.Elapsed > TimeSpan.FromMinutes(2)) throw new TimeoutException($"floor desktop {i} never answered");
                    await Task.Delay(Poll);
                }
                times.Add(clock.Elapsed);
            }
            finally
            {
                await desktop.StopAsync();
            }
        }
        return times;
    }

    private static async Task<bool> ReadyAsync(HttpClient http, string url, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        try
        {
            using var response = await http.SendAsync(request);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private static void Report(string what, List<TimeSpan> times, List<TimeSpan>? floor)
    {
        var p50 = Percentile(times, 0.50);
        var p99 = Percentile(times, 0.99);
        var ratio = floor is null ? "" : $"; {p50.TotalSeconds / Percentile(floor, 0.50).TotalSeconds:F2}x the floor's p50, {p99.TotalSeconds / Percentile(floor, 0.99).TotalSeconds:F2}x its p99";
        Console.WriteLine($"{what}: p50 {p50.TotalSeconds:F3} s, p99 {p99.TotalSeconds:F3} s, min {times.Min().TotalSeconds:F3} s, max {times.Max().TotalSeconds:F3} s{ratio}");
    }

    private static TimeSpan Percentile(List<TimeSpan> times, double p)
    {
        var sorted = times.OrderBy(t => t).ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(p * sorted.Count) - 1)];
    }

    private static async Task UntilAsync(Func<bool> done, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!done())
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(2)) throw new TimeoutException($"{what}: not after 2 minutes");
            await Task.Delay(Poll);
        }
    }
}
