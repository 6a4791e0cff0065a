using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using k8s;
using k8s.Models;
using LeBureau.ApiServer.Auth;
using LeBureau.ApiServer.Cache;
using LeBureau.ControlPlane;
using LeBureau.DesktopAgent.Hosting;
using LeBureau.Operator;
using LeBureau.Operator.ApiKeys;
using LeBureau.Operator.Runtime;
using LeBureau.Resources;
using LeBureau.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LeBureau.ApiServer.Tests.Infrastructure;

/// <summary>
/// The shared servers: the test control plane, a real redis-server, two api-server replicas in-process
/// (A and B, sharing Redis), and one real desktop agent on a real Xvfb (the "desktop" every control test
/// points a Desktop's status at). Logs of both api-servers are captured for secret scans.
/// </summary>
public sealed class ApiServerFixture : IAsyncLifetime
{
    public const string AgentToken = "agent-token-for-api-tests-5b1c";

    private readonly List<Process> _processes = [];
    private XvfbDisplay? _xvfb;
    private WebApplication? _agent;
    private WebApplication? _keyController;

    public ControlPlane.ControlPlane Plane { get; private set; } = null!;

    public Kubernetes Client { get; private set; } = null!;

    public Kubectl Kubectl { get; private set; } = null!;

    public RedisServer Redis { get; private set; } = null!;

    public CapturedLogs Logs { get; } = new();

    public WebApplication ServerA { get; private set; } = null!;

    public WebApplication ServerB { get; private set; } = null!;

    public Uri AddressA { get; private set; } = null!;

    public Uri AddressB { get; private set; } = null!;

    public string Display { get; private set; } = "";

    public Uri AgentAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Plane = await SharedControlPlane.GetAsync();
        Client = Plane.CreateClient();
        Kubectl = new Kubectl(Plane.KubeconfigPath);
        Redis = await RedisServer.StartAsync();
        _keyController = await StartApiKeyControllerAsync(Plane.KubeconfigPath);
        (ServerA, AddressA) = await StartApiServerAsync();
        (ServerB, AddressB) = await StartApiServerAsync();
        _xvfb = await XvfbDisplay.StartAsync(300 + Random.Shared.Next(0, 300));
        Display = _xvfb.Name;
        AgentAddress = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        _agent = await StartAgentAsync(AgentAddress, Display);
    }

    public async Task<(WebApplication App, Uri Address)> StartApiServerAsync(params string[] extra)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var app = ApiServerApp.Build(
            [
                "--urls", address.ToString().TrimEnd('/'),
                $"--Kubernetes:Kubeconfig={Plane.KubeconfigPath}",
                $"--Redis:ConnectionString={Redis.ConnectionString}",
                "--Logging:LogLevel:Default=Debug",
                .. extra,
            ],
            builder => builder.Logging.AddProvider(Logs));
        await app.StartAsync();
        return (app, address);
    }

    /// <summary>A client of replica A (or <paramref name="server"/>) presenting <paramref name="key"/> as a Bearer token.</summary>
    public HttpClient CreateClient(string? key, Uri? server = null)
    {
        var client = new HttpClient { BaseAddress = server ?? AddressA, Timeout = TimeSpan.FromSeconds(60) };
        if (key is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>
    /// An ApiKey in <paramref name="ns"/> (rate limit: the given one, by default high enough to never matter; 0 for none of its own),
    /// issued by the real ApiKey controller; returns the plaintext read once from its Secret, once both replicas' caches hold it.
    /// </summary>
    public async Task<string> CreateKeyAsync(string ns, Capability[] capabilities, int rateLimitPerMinute = 100_000, string? name = null)
    {
        name ??= "key-" + Guid.NewGuid().ToString("N")[..8];
        string plaintext;
        try
        {
            plaintext = await IssuedApiKeys.IssueAsync(Client, ns, name, capabilities,
                rateLimitPerMinute > 0 ? rateLimitPerMinute : null, TimeSpan.FromSeconds(15));
        }
        catch (TimeoutException e)
        {
            var operatorLines = Logs.Lines.Where(l => l.Contains("LeBureau.Operator", StringComparison.Ordinal)).TakeLast(20);
            throw new TimeoutException($"{e.Message}; the operator's last lines:\n{string.Join('\n', operatorLines)}", e);
        }
        await WaitForCachesAsync(c => c.ApiKeys.FirstByIndex(ResourceCaches.ByHash, ApiKeyHash.Of(plaintext)) is not null);
        return plaintext;
    }

    public static Capability[] All => Enum.GetValues<Capability>();

    /// <summary>A Desktop created directly (no operator), optionally with a status.</summary>
    public async Task<Desktop> CreateDesktopAsync(string ns, string displayName = "test desktop", bool running = true)
    {
        var desktop = await Client.CustomObjects.CreateNamespacedCustomObjectAsync<Desktop>(
            new Desktop { Metadata = new V1ObjectMeta { GenerateName = "desk-" }, Spec = new Desktop.DesktopSpec { DisplayName = displayName, Running = running } },
            Desktop.Group, Desktop.Version, ns, Desktop.Plural);
        await WaitForDesktopAsync(desktop.Metadata.Uid, _ => true);
        return desktop;
    }

    /// <summary>Writes a status as the Desktop controller would; waits until both caches see it.</summary>
    public async Task<Desktop> SetStatusAsync(Desktop desktop, DesktopPhase phase, bool agentReady = false, string? agentEndpoint = null)
    {
        var status = new { status = new { phase = phase.ToString(), agentReady, agentEndpoint, ipAddress = agentEndpoint is null ? null : "127.0.0.1" } };
        var updated = await Client.CustomObjects.PatchNamespacedCustomObjectStatusAsync<Desktop>(
            new V1Patch(JsonSerializer.Serialize(status), V1Patch.PatchType.MergePatch),
            Desktop.Group, Desktop.Version, desktop.Metadata.NamespaceProperty, Desktop.Plural, desktop.Metadata.Name);
        await WaitForDesktopAsync(desktop.Metadata.Uid, d => d.Status?.Phase == phase && d.Status.AgentReady == agentReady && d.Status.AgentEndpoint == agentEndpoint);
        return updated;
    }

    /// <summary>A running, agent-ready desktop whose agent is the fixture's real agent, or <paramref name="agent"/> (with its token Secret).</summary>
    public async Task<Desktop> CreateControllableDesktopAsync(string ns, Uri? agent = null)
    {
        var desktop = await CreateDesktopAsync(ns);
        await Client.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta
            {
                Name = desktop.Metadata.Name + "-agent-token",
                Labels = new Dictionary<string, string> { [Labels.Component] = "agent-token", [Labels.Desktop] = desktop.Metadata.Name },
            },
            StringData = new Dictionary<string, string> { ["token"] = AgentToken },
        }, ns);
        await WaitForCachesAsync(c => c.AgentTokens.List(ns).Any(s => s.Metadata.Labels?[Labels.Desktop] == desktop.Metadata.Name));
        return await SetStatusAsync(desktop, DesktopPhase.Running, agentReady: true, agentEndpoint: (agent ?? AgentAddress).ToString());
    }

    public Task WaitForDesktopAsync(string uid, Func<Desktop, bool> condition) =>
        WaitForCachesAsync(c => c.Desktops.FirstByIndex(ResourceCaches.ByUid, uid) is { } d && condition(d));

    internal async Task WaitForCachesAsync(Func<ResourceCaches, bool> condition)
    {
        foreach (var server in new[] { ServerA, ServerB })
        {
            var caches = server.Services.GetRequiredService<ResourceCaches>();
            var ok = await WaitFor.ConditionAsync(_ => Task.FromResult(condition(caches)), TimeSpan.FromSeconds(10));
            if (!ok) throw new TimeoutException("the api-server's cache never reached the expected state");
        }
    }

    public async Task<Desktop> ReadDesktopAsync(Desktop desktop) =>
        await Client.CustomObjects.GetNamespacedCustomObjectAsync<Desktop>(
            Desktop.Group, Desktop.Version, desktop.Metadata.NamespaceProperty, Desktop.Plural, desktop.Metadata.Name);

    /// <summary>A DesktopTask on <paramref name="desktop"/> created directly (no api-server), once both caches hold it.</summary>
    public async Task<DesktopTask> CreateTaskAsync(Desktop desktop, string content = "echo hello", bool requiresApproval = false)
    {
        var task = await Client.CustomObjects.CreateNamespacedCustomObjectAsync<DesktopTask>(
            new DesktopTask
            {
                Metadata = new V1ObjectMeta { GenerateName = "task-" },
                Spec = new DesktopTask.DesktopTaskSpec { DesktopRef = desktop.Metadata.Name, Type = TaskType.Command, Content = content, RequiresApproval = requiresApproval },
            },
            Desktop.Group, Desktop.Version, desktop.Metadata.NamespaceProperty, DesktopTask.Plural);
        await WaitForTaskAsync(task.Metadata.Uid, _ => true);
        return task;
    }

    /// <summary>
    /// Writes a task's status as the operator's task controller would (<paramref name="status"/>: the fields besides phase,
    /// e.g. <c>new { output = "hi", exitCode = 0 }</c>); waits until both caches see the phase.
    /// </summary>
    public async Task<DesktopTask> SetTaskStatusAsync(string uid, TaskPhase phase, object? status = null)
    {
        var task = ServerA.Services.GetRequiredService<ResourceCaches>().Tasks.FirstByIndex(ResourceCaches.ByUid, uid)
            ?? throw new InvalidOperationException($"task {uid} is not in the cache");
        var fields = JsonSerializer.SerializeToNode(status ?? new { })!.AsObject();
        fields["phase"] = JsonSerializer.Serialize(phase).Trim('"');
        var patch = new System.Text.Json.Nodes.JsonObject { ["status"] = fields };
        var updated = await Client.CustomObjects.PatchNamespacedCustomObjectStatusAsync<DesktopTask>(
            new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch),
            Desktop.Group, Desktop.Version, task.Metadata.NamespaceProperty, DesktopTask.Plural, task.Metadata.Name);
        await WaitForTaskAsync(uid, t => t.Status?.Phase == phase && t.Metadata.ResourceVersion == updated.Metadata.ResourceVersion);
        return updated;
    }

    public Task WaitForTaskAsync(string uid, Func<DesktopTask, bool> condition) =>
        WaitForCachesAsync(c => c.Tasks.FirstByIndex(ResourceCaches.ByUid, uid) is { } t && condition(t));

    /// <summary>The task with this uid as the Kubernetes API has it now (not the cache).</summary>
    public async Task<DesktopTask> ReadTaskAsync(string ns, string uid)
    {
        var list = await Client.CustomObjects.ListNamespacedCustomObjectAsync<ObjectList<DesktopTask>>(
            Desktop.Group, Desktop.Version, ns, DesktopTask.Plural);
        return list.Items!.Single(t => t.Metadata.Uid == uid);
    }

    public async Task<string> CreateNamespaceAsync(string prefix)
    {
        var name = $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}".ToLowerInvariant();
        await Client.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });
        return name;
    }

    public async Task DisposeAsync()
    {
        foreach (var app in new[] { ServerA, ServerB, _agent, _keyController })
        {
            if (app is null) continue;
            await app.StopAsync();
            await app.DisposeAsync();
        }
        foreach (var process in _processes)
        {
            try
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // A test disposed it already (using var p = StartOnDisplay(…)): it was killed or reaped then.
            }
            process.Dispose();
        }
        _xvfb?.Dispose();
        await Redis.DisposeAsync();
        Client.Dispose();
    }

    /// <summary>The operator with only its ApiKey controller (the Desktop controller would fight the statuses these tests write).</summary>
    private async Task<WebApplication> StartApiKeyControllerAsync(string kubeconfig)
    {
        var builder = WebApplication.CreateSlimBuilder(["--urls", $"http://127.0.0.1:{FreePort.Next()}", $"--Kubernetes:Kubeconfig={kubeconfig}"]);
        builder.AddOperatorCore();
        builder.AddApiKeyController();
        builder.Services.AddInformer<Desktop>(); // the operator's metrics read it
        builder.Logging.AddProvider(Logs);
        var app = builder.Build();
        await app.StartAsync();
        return app;
    }

    private static async Task<WebApplication> StartAgentAsync(Uri address, string display)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args =
            [
                "--urls", address.ToString().TrimEnd('/'), $"--Agent:Display={display}", $"--Agent:Token={AgentToken}",
                $"--Agent:VncPort={FreePort.Next()}", $"--Agent:VncViewOnlyPort={FreePort.Next()}",
            ],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.AddDesktopAgent();
        var app = builder.Build();
        app.MapDesktopAgent();
        await app.StartAsync();
        return app;
    }

    /// <summary>Starts a process on the fixture's display (killed in Dispose).</summary>
    public Process StartOnDisplay(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        start.Environment["DISPLAY"] = Display;
        var process = Process.Start(start)!;
        _ = process.StandardError.BaseStream.CopyToAsync(Stream.Null);
        _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        _processes.Add(process);
        return process;
    }
}
