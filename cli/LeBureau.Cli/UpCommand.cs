using System.CommandLine;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using k8s;
using k8s.Autorest;
using k8s.Models;
using LeBureau.ApiServer;
using LeBureau.ControlPlane;
using LeBureau.Operator;
using LeBureau.Operator.ApiKeys;
using LeBureau.Resources;

namespace LeBureau.Cli;

/// <summary>
/// <c>lebureau up</c>: the embedded default. A local control plane (the same code the tests use), Redis, the
/// operator with the local desktop runtime and the api-server, all in this process and its children; an admin
/// key for one tenant namespace; everything stopped on Ctrl-C and picked up again by the next <c>up</c>.
/// </summary>
public sealed class UpCommand(UpOptions options)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    /// <summary>The <c>up</c> command and its options.</summary>
    public static Command Definition()
    {
        var state = new Option<DirectoryInfo>("--state-dir")
        {
            Description = "Where the embedded platform keeps its cluster, Redis data and desktops (reused by the next `up`).",
            DefaultValueFactory = _ => new DirectoryInfo(Environment.GetEnvironmentVariable("LEBUREAU_HOME") is { Length: > 0 } home
                ? home : Path.Combine(Environment.CurrentDirectory, ".lebureau")),
        };
        var port = new Option<int>("--port") { Description = "Port of the API (REST, SSE, docs).", DefaultValueFactory = _ => 8080 };
        var kubePort = new Option<int>("--kube-port") { Description = "Port of the embedded kube-apiserver.", DefaultValueFactory = _ => 16443 };
        var etcdPort = new Option<int>("--etcd-port") { Description = "Port of the embedded etcd.", DefaultValueFactory = _ => 12379 };
        var redisPort = new Option<int>("--redis-port") { Description = "Port of the embedded Redis.", DefaultValueFactory = _ => 16379 };
        var tenant = new Option<string>("--namespace") { Description = "The tenant namespace of the admin API key.", DefaultValueFactory = _ => "lebureau" };
        var agent = new Option<FileInfo?>("--agent") { Description = "The desktop agent executable or .dll (default: next to this program, or built by ./lebureau)." };

        var up = new Command("up", "Run the whole platform on this machine: a local control plane, Redis, the operator with the local desktop runtime, and the API.")
        {
            state, port, kubePort, etcdPort, redisPort, tenant, agent,
        };
        up.SetAction((result, cancellationToken) => new UpCommand(new UpOptions(
            result.GetValue(state)!.FullName,
            result.GetValue(port),
            result.GetValue(kubePort),
            result.GetValue(etcdPort),
            result.GetValue(redisPort),
            result.GetValue(tenant)!,
            result.GetValue(agent)?.FullName)).RunAsync(cancellationToken));
        return up;
    }

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        if (PortProblem() is { } problem)
        {
            await Console.Error.WriteLineAsync(problem);
            return 2;
        }
        string agent;
        try
        {
            ControlPlaneBinaries.Locate();
            agent = AgentPath();
        }
        catch (InvalidOperationException e)
        {
            await Console.Error.WriteLineAsync($"lebureau: {e.Message}");
            return 2;
        }

        Directory.CreateDirectory(options.StateDirectory);
        var firstRun = !Directory.Exists(Path.Combine(options.StateDirectory, "cluster", "etcd"));
        Step("starting the control plane (etcd, kube-apiserver, kube-controller-manager)");
        await using var plane = await ControlPlane.ControlPlane.StartAsync(new ControlPlaneOptions
        {
            StateDirectory = Path.Combine(options.StateDirectory, "cluster"),
            ApiServerPort = options.KubePort,
            EtcdPort = options.EtcdPort,
            CrdDirectory = CrdDirectory(),
        }, cancellationToken);
        Step("starting Redis");
        await using var redis = await RedisServer.StartAsync(Path.Combine(options.StateDirectory, "redis"), options.RedisPort, cancellationToken);

        Step("starting the operator (local desktop runtime)");
        var quiet = new[] { "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning" };
        await using var @operator = OperatorApp.Build([
            .. quiet, "--urls=http://127.0.0.1:0",
            $"--Kubernetes:Kubeconfig={plane.KubeconfigPath}", "--Operator:Runtime=Local",
            $"--Operator:AgentBinary={agent}", $"--Operator:StateDirectory={Path.Combine(options.StateDirectory, "desktops")}",
            $"--Redis:ConnectionString={redis.ConnectionString}",
        ]);
        await @operator.StartAsync(cancellationToken);

        Step("starting the API");
        await using var api = ApiServerApp.Build([
            .. quiet, $"--urls=http://127.0.0.1:{options.ApiPort}",
            $"--Kubernetes:Kubeconfig={plane.KubeconfigPath}", $"--Redis:ConnectionString={redis.ConnectionString}",
        ]);
        await api.StartAsync(cancellationToken);

        Step($"issuing the admin API key in namespace {options.Tenant}");
        using var client = plane.CreateClient();
        var key = await AdminKeyAsync(client, cancellationToken);

        var url = $"http://127.0.0.1:{options.ApiPort}";
        Console.WriteLine($"""

            Le Bureau is up ({(firstRun ? "first start" : "warm start")}: {_clock.Elapsed.TotalSeconds:F1} s)
              API       {url}
              Docs      {url}/docs
              API key   {key}
                        (namespace {options.Tenant}, every capability; also in {KeyFile})
              kubectl   export KUBECONFIG={plane.KubeconfigPath}

            Press Ctrl-C to stop. Desktops and keys are kept for the next `up`.
            """);

        // Ctrl-C or SIGTERM: the in-process hosts' console lifetimes see the signal first and start stopping.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken,
            api.Lifetime.ApplicationStopping, @operator.Lifetime.ApplicationStopping);
        try
        {
            await Task.Delay(Timeout.Infinite, stopping.Token);
        }
        catch (OperationCanceledException)
        {
            Console.WriteLine("stopping…");
        }
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await api.StopAsync(stop.Token);
        await @operator.StopAsync(stop.Token);
        Console.WriteLine("stopped.");
        return 0;
    }

    private string KeyFile => Path.Combine(options.StateDirectory, "admin.key");

    private void Step(string what) => Console.WriteLine($"[{_clock.Elapsed.TotalSeconds,5:F1}s] {what}");

    private string? PortProblem()
    {
        foreach (var (port, name, flag) in new[]
                 {
                     (options.ApiPort, "the API", "--port"), (options.KubePort, "kube-apiserver", "--kube-port"),
                     (options.EtcdPort, "etcd", "--etcd-port"), (options.RedisPort, "Redis", "--redis-port"),
                 })
        {
            try
            {
                using var probe = new TcpListener(IPAddress.Loopback, port);
                probe.Start();
            }
            catch (SocketException)
            {
                return $"lebureau: port {port} ({name}) is already in use on 127.0.0.1; stop what uses it or choose another port with {flag} <port>.";
            }
        }
        return null;
    }

    private string AgentPath()
    {
        var candidates = new[]
        {
            options.AgentPath,
            Path.Combine(AppContext.BaseDirectory, "agent", "LeBureau.DesktopAgent"),
            Path.Combine(AppContext.BaseDirectory, "agent", "LeBureau.DesktopAgent.dll"),
        };
        return candidates.FirstOrDefault(c => c is not null && File.Exists(c))
            ?? throw new InvalidOperationException(
                "the desktop agent was not found; build it with `dotnet build -c Release desktop-agent/LeBureau.DesktopAgent` and pass --agent <path to LeBureau.DesktopAgent.dll>, or use ./lebureau up");
    }

    private static string CrdDirectory()
    {
        foreach (var dir in new[] { Path.Combine(AppContext.BaseDirectory, "crds"), Path.Combine(Environment.CurrentDirectory, "crds") })
        {
            if (Directory.Exists(dir)) return dir;
        }
        throw new InvalidOperationException("the CRDs (crds/*.yaml) were not found next to the program or in the current folder");
    }

    /// <summary>The admin key: the saved one while its ApiKey still matches it, else a new ApiKey (read once from its Secret).</summary>
    private async Task<string> AdminKeyAsync(Kubernetes client, CancellationToken cancellationToken)
    {
        await EnsureNamespaceAsync(client, cancellationToken);
        var saved = File.Exists(KeyFile) ? (await File.ReadAllTextAsync(KeyFile, cancellationToken)).Trim() : null;
        var existing = await GetKeyAsync(client, cancellationToken);
        if (saved is not null && existing?.Status.Hash == ApiKeyMaterial.Hash(saved) && existing.Status.Phase == ApiKeyPhase.Active) return saved;
        if (existing is not null)
        {
            await client.CustomObjects.DeleteNamespacedCustomObjectAsync(Desktop.Group, Desktop.Version, options.Tenant, ApiKey.Plural, "admin",
                cancellationToken: cancellationToken);
            await WaitFor.ConditionAsync(async ct => await GetKeyAsync(client, ct) is null, TimeSpan.FromSeconds(30),
                cancellationToken: cancellationToken);
        }
        var key = await ApiKeyIssuer.IssueAsync(client, options.Tenant, "admin",
            new ApiKey.ApiKeySpec { Description = "admin key of `lebureau up`", Capabilities = Enum.GetValues<Capability>() },
            TimeSpan.FromSeconds(60), cancellationToken);
        await File.WriteAllTextAsync(KeyFile, key + "\n", cancellationToken);
        File.SetUnixFileMode(KeyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return key;
    }

    private async Task<ApiKey?> GetKeyAsync(Kubernetes client, CancellationToken cancellationToken)
    {
        try
        {
            return await client.CustomObjects.GetNamespacedCustomObjectAsync<ApiKey>(Desktop.Group, Desktop.Version, options.Tenant,
                ApiKey.Plural, "admin", cancellationToken);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private async Task EnsureNamespaceAsync(Kubernetes client, CancellationToken cancellationToken)
    {
        try
        {
            await client.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = options.Tenant } },
                cancellationToken: cancellationToken);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
            // Already there from an earlier run.
        }
    }
}
