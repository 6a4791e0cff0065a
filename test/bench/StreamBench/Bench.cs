using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using k8s;
using k8s.Models;
using LeBureau.ControlPlane;
using LeBureau.Events;
using LeBureau.Operator.Events;
using LeBureau.Operator.Runtime;
using LeBureau.Resources;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace LeBureau.StreamBench;

/// <summary>
/// N concurrent SSE clients on one api-server process: the latency from a Desktop status change written to the
/// kube-apiserver to its receipt by every client (operator event source → Redis → api-server hub → SSE), against
/// the baseline of a direct Kubernetes watch on the same object in the same run; and the api-server's memory per
/// connection.
/// </summary>
public static class Bench
{
    private const string Namespace = "bench";
    private const int Rounds = 5;

    public static async Task<int> RunAsync(string[] args)
    {
        var counts = args.Length > 0 ? args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [1000, 5000, 10000];
        var root = FindRoot();
        Console.WriteLine("starting a control plane and Redis…");
        await using var plane = await ControlPlane.ControlPlane.StartAsync(new ControlPlaneOptions { CrdDirectory = Path.Combine(root, "crds") });
        await using var redis = await RedisServer.StartAsync();
        using var client = plane.CreateClient();
        await client.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Namespace } });
        await client.CustomObjects.CreateNamespacedCustomObjectAsync(new Desktop
        {
            Metadata = new V1ObjectMeta { Name = "watched" },
            Spec = new Desktop.DesktopSpec { DisplayName = "Watched", KeepAlive = true },
        }, Desktop.Group, Desktop.Version, Namespace, Desktop.Plural);
        var key = await CreateKeyAsync(client);

        // The operator's event path, without a reconciler writing the status the bench writes.
        using var stop = new CancellationTokenSource();
        var api = new KubeApi(client);
        var informers = new InformerOptions { Namespaces = [Namespace] };
        var desktops = new Informer<Desktop>(new ResourceClient<Desktop>(api), informers, NullLogger<Informer<Desktop>>.Instance);
        var secrets = new Informer<V1Secret>(new ResourceClient<V1Secret>(api), informers, NullLogger<Informer<V1Secret>>.Instance);
        _ = desktops.RunAsync(stop.Token);
        _ = secrets.RunAsync(stop.Token);
        var mux = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var publisher = new EventPublisher(new RedisEventLog(mux, new EventStreamOptions { ConnectionString = redis.ConnectionString }),
            NullLogger<EventPublisher>.Instance);
        await publisher.StartAsync(stop.Token);
        var source = new DesktopEventSource(desktops, secrets, publisher, new HttpClient(),
            Options.Create(new DesktopEventOptions { MetricsInterval = TimeSpan.FromHours(1) }), NullLogger<DesktopEventSource>.Instance, TimeProvider.System);
        _ = source.RunAsync(stop.Token);

        // The baseline: a direct watch (list+watch) on the same object.
        var watch = new Informer<Desktop>(new ResourceClient<Desktop>(api), informers, NullLogger<Informer<Desktop>>.Instance);
        long watchSeen = 0;
        DesktopPhase? watchTarget = null;
        watch.Changed += (_, _, current) =>
        {
            if (current?.Status.Phase is { } p && p == watchTarget && Interlocked.Read(ref watchSeen) == 0) Interlocked.Exchange(ref watchSeen, Stopwatch.GetTimestamp());
        };
        _ = watch.RunAsync(stop.Token);
        await watch.WaitForSyncAsync(stop.Token);

        var port = FreePort.Next();
        var configuration = AppContext.BaseDirectory.Contains("/bin/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var apiDll = Path.Combine(root, "api-server", "LeBureau.ApiServer", "bin", configuration, "net10.0", "LeBureau.ApiServer.dll");
        using var apiServer = ManagedProcess.Start("api-server", "dotnet",
        [
            apiDll, $"--urls=http://127.0.0.1:{port}", $"--Kubernetes:Kubeconfig={plane.KubeconfigPath}",
            $"--Redis:ConnectionString={redis.ConnectionString}", "--Logging:LogLevel:Default=Warning",
        ], Path.Combine(plane.StateDirectory, "api-server.log"), environment: new Dictionary<string, string> { ["DOTNET_gcServer"] = "0" });
        var url = $"http://127.0.0.1:{port}";
        using (var probe = new HttpClient())
        {
            probe.DefaultRequestHeaders.Add("x-api-key", key);
            var ready = await WaitFor.ConditionAsync(async ct => (await probe.GetAsync($"{url}/v1/desktops", ct)).IsSuccessStatusCode,
                TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(200));
            if (!ready) throw new InvalidOperationException(apiServer.Describe());
        }

        Console.WriteLine($"{"clients",8} {"watch p50",10} {"SSE p50",9} {"SSE p99",9} {"SSE max",9} {"p50 ratio",10} {"KiB/conn",9}");
        var phase = DesktopPhase.Stopped;
        foreach (var n in counts)
        {
            var before = Rss(apiServer.Id);
            await using var clients = new SseClients($"{url}/api/desktops/stream?apiKey={key}", n);
            await clients.OpenAsync();
            await Task.Delay(TimeSpan.FromSeconds(2));
            var perConnection = (Rss(apiServer.Id) - before) / 1024.0 / n;

            var watchLatencies = new List<double>();
            var sseLatencies = new List<double>();
            for (var round = 0; round < Rounds; round++)
            {
                phase = phase == DesktopPhase.Running ? DesktopPhase.Stopped : DesktopPhase.Running;
                clients.Expect(phase.ToString().ToLowerInvariant());
                Interlocked.Exchange(ref watchSeen, 0);
                watchTarget = phase;
                var start = Stopwatch.GetTimestamp();
                await client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
                    new V1Patch(JsonSerializer.Serialize(new { status = new { phase = phase.ToString() } }), V1Patch.PatchType.MergePatch),
                    Desktop.Group, Desktop.Version, Namespace, Desktop.Plural, "watched");
                var all = await WaitFor.ConditionAsync(_ => Task.FromResult(clients.Received == n && Interlocked.Read(ref watchSeen) != 0),
                    TimeSpan.FromSeconds(120), TimeSpan.FromMilliseconds(5));
                if (!all) Console.WriteLine($"  round {round}: only {clients.Received}/{n} clients got the event");
                watchLatencies.Add(Ms(start, Interlocked.Read(ref watchSeen)));
                sseLatencies.AddRange(clients.Timestamps.Where(t => t != 0).Select(t => Ms(start, t)));
            }
            watchLatencies.Sort();
            sseLatencies.Sort();
            var watchP50 = Percentile(watchLatencies, 0.5);
            var line = $"{n,8} {watchP50,8:F1}ms {Percentile(sseLatencies, 0.5),7:F1}ms {Percentile(sseLatencies, 0.99),7:F1}ms " +
                       $"{sseLatencies[^1],7:F1}ms {Percentile(sseLatencies, 0.5) / watchP50,9:F1}x {perConnection,8:F1}";
            Console.WriteLine(line);
        }
        await stop.CancelAsync();
        await publisher.StopAsync(CancellationToken.None);
        return 0;
    }

    private static async Task<string> CreateKeyAsync(Kubernetes client)
    {
        var key = "sk_live_bench" + Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        await client.CustomObjects.CreateNamespacedCustomObjectAsync(new ApiKey
        {
            Metadata = new V1ObjectMeta { Name = "bench" },
            Spec = new ApiKey.ApiKeySpec { Capabilities = [Capability.DesktopRead], RateLimitPerMinute = 100000 },
        }, Desktop.Group, Desktop.Version, Namespace, ApiKey.Plural);
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key))).ToLowerInvariant();
        await client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
            new V1Patch(JsonSerializer.Serialize(new { status = new { phase = "Active", hash, prefix = key[..12] } }), V1Patch.PatchType.MergePatch),
            Desktop.Group, Desktop.Version, Namespace, ApiKey.Plural, "bench");
        return key;
    }

    private static double Ms(long start, long end) => (end - start) * 1000.0 / Stopwatch.Frequency;

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static long Rss(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LeBureau.Operator.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("run from inside the repository");
    }
}
