using k8s;
using k8s.Models;
using LeBureau.ApiServer;
using LeBureau.ControlPlane;
using LeBureau.Operator;
using LeBureau.Resources;
using LeBureau.Testing;
using Microsoft.AspNetCore.Builder;

namespace LeBureau.Streams.Tests;

/// <summary>
/// The whole event path, real parts only: the shared control plane, a redis-server (append-only, so it can be
/// restarted), the operator (local runtime, ApiKey controller, event publisher) for two tenants, and two
/// api-server replicas sharing Redis.
/// </summary>
public sealed class StreamStack : IAsyncLifetime
{
    private readonly string _state = Directory.CreateTempSubdirectory("lebureau-streams-").FullName;
    private WebApplication? _operator;

    public ControlPlane.ControlPlane Plane { get; private set; } = null!;

    public Kubernetes Client { get; private set; } = null!;

    public RedisServer Redis { get; private set; } = null!;

    public WebApplication ReplicaA { get; private set; } = null!;

    public WebApplication ReplicaB { get; private set; } = null!;

    public Uri AddressA { get; } = new($"http://127.0.0.1:{FreePort.Next()}");

    public Uri AddressB { get; } = new($"http://127.0.0.1:{FreePort.Next()}");

    public string TenantA { get; } = "streams-a-" + Guid.NewGuid().ToString("N")[..6];

    public string TenantB { get; } = "streams-b-" + Guid.NewGuid().ToString("N")[..6];

    public async Task InitializeAsync()
    {
        Plane = await SharedControlPlane.GetAsync();
        Client = Plane.CreateClient();
        foreach (var ns in new[] { TenantA, TenantB })
        {
            await Client.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        }
        Redis = await RedisServer.StartAsync(Path.Combine(_state, "redis"));
        _operator = OperatorApp.Build(
        [
            $"--urls=http://127.0.0.1:{FreePort.Next()}", $"--Kubernetes:Kubeconfig={Plane.KubeconfigPath}",
            "--Operator:Runtime=Local", $"--Operator:Namespaces:0={TenantA}", $"--Operator:Namespaces:1={TenantB}",
            "--Operator:AgentProbeInterval=00:00:01", $"--Operator:StateDirectory={Path.Combine(_state, "desktops")}",
            $"--Operator:AgentBinary={RepoPaths.DesktopAgent}", $"--Redis:ConnectionString={Redis.ConnectionString}",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await _operator.StartAsync();
        ReplicaA = await StartReplicaAsync(AddressA);
        ReplicaB = await StartReplicaAsync(AddressB);
    }

    /// <summary>Starts another api-server replica on <paramref name="address"/>, sharing the control plane and Redis.</summary>
    public async Task<WebApplication> StartReplicaAsync(Uri address)
    {
        var app = ApiServerApp.Build(
        [
            "--urls", address.ToString().TrimEnd('/'), $"--Kubernetes:Kubeconfig={Plane.KubeconfigPath}",
            $"--Redis:ConnectionString={Redis.ConnectionString}", "--Logging:LogLevel:Default=Warning",
        ]);
        await app.StartAsync();
        return app;
    }

    /// <summary>An API key issued by the operator in <paramref name="ns"/>, accepted by both replicas.</summary>
    public async Task<string> KeyAsync(string ns, params Capability[] capabilities)
    {
        var name = "key-" + Guid.NewGuid().ToString("N")[..8];
        var key = await IssuedApiKeys.IssueAsync(Client, ns, name, capabilities, 100_000, TimeSpan.FromSeconds(30));
        foreach (var address in new[] { AddressA, AddressB })
        {
            using var http = Http(address, key);
            var accepted = await WaitFor.ConditionAsync(async ct => (await http.GetAsync("/v1/me", ct)).IsSuccessStatusCode, TimeSpan.FromSeconds(10));
            if (!accepted) throw new TimeoutException($"replica {address} never accepted the new key");
        }
        return key;
    }

    /// <summary>A client of a replica with a Bearer key.</summary>
    public static HttpClient Http(Uri address, string key)
    {
        var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return http;
    }

    public async Task DisposeAsync()
    {
        foreach (var app in new[] { ReplicaA, ReplicaB, _operator })
        {
            if (app is null) continue;
            await app.StopAsync();
            await app.DisposeAsync();
        }
        await Redis.DisposeAsync();
        Client.Dispose();
        try { Directory.Delete(_state, recursive: true); } catch (IOException) { }
    }
}
