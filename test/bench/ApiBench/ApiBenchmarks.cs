using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using k8s;
using k8s.Models;
using LeBureau.ApiServer;
using LeBureau.ApiServer.Auth;
using LeBureau.ApiServer.Cache;
using LeBureau.ApiServer.RateLimiting;
using LeBureau.ControlPlane;
using LeBureau.Operator.Runtime;
using LeBureau.Resources;
using LeBureau.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LeBureau.ApiBench;

/// <summary>
/// GET /v1/desktops and GET /v1/desktops/:id over 100 desktops against the api-server (watch cache, auth, Redis
/// rate limit), next to a direct LIST/GET of the same objects on the kube-apiserver, in the same run; and the cost
/// of authentication per request.
/// </summary>
public static class ApiBenchmarks
{
    private const int Desktops = 100;
    private const int Concurrency = 8;

    public static async Task<string> RunAsync(TimeSpan duration)
    {
        var plane = await SharedControlPlane.GetAsync();
        await using var redis = await RedisServer.StartAsync();
        using var kube = plane.CreateClient();
        var ns = $"bench-{Guid.NewGuid().ToString("N")[..8]}";
        await kube.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });

        var key = await BenchKeys.CreateAsync(kube, ns, "bench", Capability.DesktopRead);
        var names = new List<string>();
        var uids = new List<string>();
        for (var i = 0; i < Desktops; i++)
        {
            var d = await kube.CustomObjects.CreateNamespacedCustomObjectAsync<Desktop>(
                new Desktop { Metadata = new V1ObjectMeta { Name = $"d{i:D3}" }, Spec = new Desktop.DesktopSpec { DisplayName = $"desktop {i}" } },
                Desktop.Group, Desktop.Version, ns, Desktop.Plural);
            names.Add(d.Metadata.Name);
            uids.Add(d.Metadata.Uid);
        }

        var url = $"http://127.0.0.1:{FreePort.Next()}";
        var app = ApiServerApp.Build(["--urls", url, $"--Kubernetes:Kubeconfig={plane.KubeconfigPath}", $"--Redis:ConnectionString={redis.ConnectionString}",
            // Every request is still counted in Redis; the limit (the largest the options accept) only has to stay out of the way.
            "--ApiServer:RateLimitPerMinute=1000000"],
            b => b.Logging.SetMinimumLevel(LogLevel.Warning));
        await app.StartAsync();
        var caches = app.Services.GetRequiredService<ResourceCaches>();
        while (caches.Desktops.List(ns).Count() < Desktops || caches.ApiKeys.FirstByIndex(ResourceCaches.ByHash, ApiKeyHash.Of(key)) is null) await Task.Delay(50);

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = new Uri(url) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var random = new Random(7);

        var apiList = await Measurement.RunAsync("api-server GET /v1/desktops (100 items)", Concurrency, duration, async () =>
        {
            using var r = await http.GetAsync("/v1/desktops");
            await r.Content.ReadAsByteArrayAsync();
            r.EnsureSuccessStatusCode();
        });
        var kubeList = await Measurement.RunAsync("kube-apiserver LIST desktops (100 items)", Concurrency, duration, async () =>
            await kube.CustomObjects.ListNamespacedCustomObjectAsync<ObjectList<Desktop>>(Desktop.Group, Desktop.Version, ns, Desktop.Plural));
        var apiGet = await Measurement.RunAsync("api-server GET /v1/desktops/:id", Concurrency, duration, async () =>
        {
            using var r = await http.GetAsync($"/v1/desktops/{uids[random.Next(Desktops)]}");
            await r.Content.ReadAsByteArrayAsync();
            r.EnsureSuccessStatusCode();
        });
        var kubeGet = await Measurement.RunAsync("kube-apiserver GET desktop", Concurrency, duration, async () =>
            await kube.CustomObjects.GetNamespacedCustomObjectAsync<Desktop>(Desktop.Group, Desktop.Version, ns, Desktop.Plural, names[random.Next(Desktops)]));
        var me = await Measurement.RunAsync("api-server GET /v1/me (auth + rate limit only)", Concurrency, duration, async () =>
        {
            using var r = await http.GetAsync("/v1/me");
            r.EnsureSuccessStatusCode();
        });

        // Authentication in-process: SHA-256 of the presented key, cache lookup by hash, validity check.
        const int rounds = 200_000;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < rounds; i++)
        {
            if (ApiKeyCheck.Evaluate(caches.ApiKeys.FirstByIndex(ResourceCaches.ByHash, ApiKeyHash.Of(key)), DateTimeOffset.UtcNow) is null) throw new InvalidOperationException();
        }
        var authNs = watch.Elapsed.TotalNanoseconds / rounds;
        var limiter = app.Services.GetRequiredService<RedisRateLimiter>();
        var rateLimit = await Measurement.RunAsync("Redis rate-limit check (Lua sliding window)", 1, duration / 2, async () =>
            await limiter.CheckAsync("bench", 1_000_000_000, DateTimeOffset.UtcNow, CancellationToken.None));

        await app.StopAsync();
        await app.DisposeAsync();
        await kube.DeleteNamespaceAsync(ns);

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Concurrency {Concurrency}, {duration.TotalSeconds:F0} s per workload, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd}.");
        text.AppendLine();
        text.AppendLine("| Workload | req/s | p50 ms | p99 ms |");
        text.AppendLine("|---|---|---|---|");
        foreach (var m in new[] { apiList, kubeList, apiGet, kubeGet, me, rateLimit }) text.AppendLine(m.Row());
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- List throughput ratio api-server / kube-apiserver: {apiList.PerSecond / kubeList.PerSecond:F2}× (p99 {apiList.P99Ms / kubeList.P99Ms:F2}×)");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Get throughput ratio api-server / kube-apiserver: {apiGet.PerSecond / kubeGet.PerSecond:F2}× (p99 {apiGet.P99Ms / kubeGet.P99Ms:F2}×)");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Authentication in-process (SHA-256 + cache lookup + check): {authNs:F0} ns per request");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Rate-limit round trip to Redis: p50 {rateLimit.P50Ms:F2} ms, p99 {rateLimit.P99Ms:F2} ms");
        return text.ToString();
    }
}
