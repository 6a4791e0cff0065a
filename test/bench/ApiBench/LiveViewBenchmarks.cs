using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using k8s;
using k8s.Models;
using LeBureau.ApiServer;
using LeBureau.ApiServer.Auth;
using LeBureau.ApiServer.Cache;
using LeBureau.ControlPlane;
using LeBureau.DesktopAgent.Hosting;
using LeBureau.Resources;
using LeBureau.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LeBureau.ApiBench;

/// <summary>
/// The live view (<c>stream_url</c>) through the api-server against the same RFB session straight from the desktop
/// agent's websocket, in the same run on the same Xvfb: full-screen Raw frames per second (the bytes a proxy carries)
/// and the time to connect and finish the RFB handshake.
/// </summary>
public static class LiveViewBenchmarks
{
    private const string AgentToken = "live-view-bench-token";

    public static async Task<string> RunAsync(TimeSpan duration)
    {
        var plane = await SharedControlPlane.GetAsync();
        await using var redis = await RedisServer.StartAsync();
        using var kube = plane.CreateClient();
        var ns = $"bench-live-{Guid.NewGuid().ToString("N")[..8]}";
        await kube.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        using var xvfb = await XvfbDisplay.StartAsync(700);
        var display = xvfb.Name;

        var agentUrl = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var agentBuilder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args =
            [
                "--urls", agentUrl.ToString().TrimEnd('/'), $"--Agent:Display={display}", $"--Agent:Token={AgentToken}",
                $"--Agent:VncPort={FreePort.Next()}", $"--Agent:VncViewOnlyPort={FreePort.Next()}", "--Logging:LogLevel:Default=Warning",
            ],
            ContentRootPath = AppContext.BaseDirectory,
        });
        agentBuilder.AddDesktopAgent();
        await using var agent = agentBuilder.Build();
        agent.MapDesktopAgent();
        await agent.StartAsync();

        var key = await BenchKeys.CreateAsync(kube, ns, "bench", Capability.DesktopRead);
        var desktop = await kube.CustomObjects.CreateNamespacedCustomObjectAsync<Desktop>(
            new Desktop { Metadata = new V1ObjectMeta { Name = "live" }, Spec = new Desktop.DesktopSpec { DisplayName = "live view bench" } },
            Desktop.Group, Desktop.Version, ns, Desktop.Plural);
        await kube.CustomObjects.PatchNamespacedCustomObjectStatusAsync<Desktop>(
            new V1Patch(JsonSerializer.Serialize(new { status = new { phase = "Running", agentReady = true, agentEndpoint = agentUrl.ToString(), ipAddress = "127.0.0.1" } }), V1Patch.PatchType.MergePatch),
            Desktop.Group, Desktop.Version, ns, Desktop.Plural, "live");
        await kube.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta
            {
                Name = "live-agent-token",
                Labels = new Dictionary<string, string> { [Labels.Component] = "agent-token", [Labels.Desktop] = "live" },
            },
            StringData = new Dictionary<string, string> { ["token"] = AgentToken },
        }, ns);

        var url = $"http://127.0.0.1:{FreePort.Next()}";
        await using var api = ApiServerApp.Build(
            ["--urls", url, $"--Kubernetes:Kubeconfig={plane.KubeconfigPath}", $"--Redis:ConnectionString={redis.ConnectionString}",
             "--ApiServer:RateLimitPerMinute=1000000"],
            b => b.Logging.SetMinimumLevel(LogLevel.Warning));
        await api.StartAsync();
        var caches = api.Services.GetRequiredService<ResourceCaches>();
        var ready = await WaitFor.ConditionAsync(_ => Task.FromResult(
            caches.ApiKeys.FirstByIndex(ResourceCaches.ByHash, ApiKeyHash.Of(key)) is not null
            && caches.Desktops.FirstByIndex(ResourceCaches.ByUid, desktop.Metadata.Uid) is { Status.AgentReady: true }
            && caches.AgentTokens.List(ns).Any()), TimeSpan.FromSeconds(30));
        if (!ready) throw new TimeoutException("the api-server's caches never saw the bench desktop");

        using var http = new HttpClient { BaseAddress = new Uri(url) };
        http.DefaultRequestHeaders.Add("x-api-key", key);
        var got = JsonDocument.Parse(await http.GetStringAsync($"/v1/desktop/{desktop.Metadata.Uid}"));
        var proxied = new Uri(got.RootElement.GetProperty("stream_url").GetString()!);
        // The key holds only desktop:read, so the api-server opens the agent's view-only server: the direct baseline does too.
        var direct = new Uri($"ws://{agentUrl.Authority}/vnc?viewOnly=true");

        using var cancel = new CancellationTokenSource(duration * 10 + TimeSpan.FromMinutes(2));
        var connectDirect = await Measurement.RunAsync("connect + RFB handshake, agent websocket (direct)", 1, duration / 2, async () =>
            (await RfbViewer.ConnectAsync(direct, AgentToken, cancel.Token)).Dispose());
        var connectProxied = await Measurement.RunAsync("connect + RFB handshake, stream_url through the api-server", 1, duration / 2, async () =>
            (await RfbViewer.ConnectAsync(proxied, null, cancel.Token)).Dispose());

        // One session at a time (x11vnc serves several sessions differently from one), in alternating rounds so that
        // neither side profits from going second; the second round is reported.
        long frameBytes = 0;
        Measurement? frameDirect = null, frameProxied = null;
        for (var round = 0; round < 2; round++)
        {
            using (var viewer = await RfbViewer.ConnectAsync(direct, AgentToken, cancel.Token))
            {
                frameBytes = await viewer.FullFrameAsync(cancel.Token);
                frameDirect = await Measurement.RunAsync($"full {viewer.Width}x{viewer.Height} Raw frame, direct", 1, duration / 2, async () =>
                    await viewer.FullFrameAsync(cancel.Token));
            }
            using (var viewer = await RfbViewer.ConnectAsync(proxied, null, cancel.Token))
            {
                frameProxied = await Measurement.RunAsync($"full {viewer.Width}x{viewer.Height} Raw frame, through the api-server", 1, duration / 2, async () =>
                    await viewer.FullFrameAsync(cancel.Token));
            }
        }

        await api.StopAsync();
        await agent.StopAsync();
        await kube.DeleteNamespaceAsync(ns);

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Live view: one viewer at a time, {duration.TotalSeconds:F0} s per frame workload, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd}; a full frame is {frameBytes / 1024.0 / 1024.0:F1} MiB.");
        text.AppendLine();
        text.AppendLine("| Workload | per s | p50 ms | p99 ms |");
        text.AppendLine("|---|---|---|---|");
        foreach (var m in new[] { connectDirect, connectProxied, frameDirect!, frameProxied! }) text.AppendLine(m.Row());
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"- Frames through the api-server / direct: {frameProxied!.PerSecond / frameDirect!.PerSecond:F2}× ({frameProxied.PerSecond * frameBytes / 1048576:F0} vs {frameDirect.PerSecond * frameBytes / 1048576:F0} MiB/s); p50 {frameProxied.P50Ms / frameDirect.P50Ms:F2}× (second of two alternating rounds)");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"- Connect + handshake through the api-server / direct: p50 {connectProxied.P50Ms / connectDirect.P50Ms:F2}× ({connectProxied.P50Ms:F1} vs {connectDirect.P50Ms:F1} ms; ticket check, rate limit, activity and the upstream connect)");
        return text.ToString();
    }
}
