using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using k8s;
using k8s.Models;

namespace LeBureau.ControlPlane;

/// <summary>
/// A real Kubernetes control plane on loopback: etcd, kube-apiserver and kube-controller-manager (garbage
/// collection, namespace deletion, service accounts), each in its own process group, stopped on dispose.
/// Used by the tests and by the embedded `up` command.
/// </summary>
public sealed class ControlPlane : IAsyncDisposable
{
    private readonly List<ManagedProcess> _processes = [];
    private readonly ProcessWatchdog _watchdog;
    private readonly bool _ownsState;

    private ControlPlane(string stateDirectory, bool ownsState, int apiServerPort, string token)
    {
        StateDirectory = stateDirectory;
        _ownsState = ownsState;
        ApiServerUrl = new Uri($"https://127.0.0.1:{apiServerPort}");
        Token = token;
        KubeconfigPath = Path.Combine(stateDirectory, "kubeconfig");
        _watchdog = new ProcessWatchdog(Path.Combine(stateDirectory, "watchdog"));
    }

    /// <summary>Where etcd's data, certificates, logs and the kubeconfig live.</summary>
    public string StateDirectory { get; }

    /// <summary>The kube-apiserver's URL.</summary>
    public Uri ApiServerUrl { get; }

    /// <summary>A bearer token of a member of system:masters.</summary>
    public string Token { get; }

    /// <summary>A kubeconfig for kubectl and KubernetesClient, as that admin.</summary>
    public string KubeconfigPath { get; }

    /// <summary>Every process started, in start order.</summary>
    public IReadOnlyList<ManagedProcess> Processes => _processes;

    /// <summary>The kube-controller-manager process, when it runs.</summary>
    public ManagedProcess? ControllerManager { get; private set; }

    /// <summary>The kube-apiserver process.</summary>
    public ManagedProcess ApiServer { get; private set; } = null!;

    /// <summary>Starts the control plane and waits until it serves (and the CRDs are installed), or throws naming the process that failed.</summary>
    public static async Task<ControlPlane> StartAsync(ControlPlaneOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var binaries = ControlPlaneBinaries.Locate();
        var ownsState = options.StateDirectory is null;
        var state = options.StateDirectory ?? Directory.CreateTempSubdirectory("lebureau-cp-").FullName;
        Directory.CreateDirectory(state);
        var token = LoadOrCreateToken(state);
        var apiPort = options.ApiServerPort != 0 ? options.ApiServerPort : FreePort.Next();
        var plane = new ControlPlane(state, ownsState, apiPort, token);
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(options.StartTimeout);
            await plane.StartProcessesAsync(binaries, options, deadline.Token);
            if (options.CrdDirectory is not null)
            {
                await plane.InstallCrdsAsync(options.CrdDirectory, deadline.Token);
            }
            // After the CRDs: the garbage collector then watches their kinds from its first discovery instead of
            // picking them up at its next periodic resync, 30 s later.
            if (options.WithControllerManager && binaries.ControllerManager is not null)
            {
                await plane.StartControllerManagerAsync(binaries.ControllerManager, deadline.Token);
            }
            return plane;
        }
        catch
        {
            await plane.DisposeAsync();
            throw;
        }
    }

    /// <summary>A client for the admin user.</summary>
    public Kubernetes CreateClient() =>
        new(KubernetesClientConfiguration.BuildConfigFromConfigFile(KubeconfigPath));

    /// <summary>A kubeconfig and client for a bearer token (e.g. a ServiceAccount's), written next to the admin's.</summary>
    public string WriteKubeconfig(string name, string token)
    {
        var path = Path.Combine(StateDirectory, $"kubeconfig-{name}");
        File.WriteAllText(path, Kubeconfig(ApiServerUrl, token));
        return path;
    }

    /// <summary>Creates (or updates) every CustomResourceDefinition in <paramref name="directory"/> and waits until discovery serves them.</summary>
    public async Task InstallCrdsAsync(string directory, CancellationToken cancellationToken = default)
    {
        using var client = CreateClient();
        var crds = new List<V1CustomResourceDefinition>();
        foreach (var file in Directory.GetFiles(directory, "*.yaml").Order())
        {
            crds.AddRange((await KubernetesYaml.LoadAllFromFileAsync(file))
                .OfType<V1CustomResourceDefinition>());
        }
        foreach (var crd in crds)
        {
            var patch = new V1Patch(KubernetesJson.Serialize(crd), V1Patch.PatchType.ApplyPatch);
            await client.PatchCustomResourceDefinitionAsync(patch, crd.Metadata.Name, fieldManager: "lebureau-control-plane",
                force: true, cancellationToken: cancellationToken);
        }
        foreach (var crd in crds)
        {
            foreach (var version in crd.Spec.Versions.Where(v => v.Served))
            {
                var path = $"/apis/{crd.Spec.Group}/{version.Name}";
                var served = await WaitFor.ConditionAsync(async ct =>
                {
                    using var http = CreateHttpClient();
                    using var response = await http.GetAsync(path, ct);
                    if (!response.IsSuccessStatusCode) return false;
                    using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
                    return doc.RootElement.GetProperty("resources").EnumerateArray()
                        .Any(r => r.GetProperty("name").GetString() == crd.Spec.Names.Plural);
                }, TimeSpan.FromSeconds(30), cancellationToken: cancellationToken);
                if (!served)
                {
                    throw new TimeoutException($"discovery did not serve {crd.Spec.Names.Plural} at {path} within 30 s");
                }
            }
        }
    }

    /// <summary>An HttpClient for the API server that sends the admin token (the API server's certificate is self-signed).</summary>
    public HttpClient CreateHttpClient()
    {
        var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        var http = new HttpClient(handler) { BaseAddress = ApiServerUrl, Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return http;
    }

    /// <summary>Stops the kube-apiserver and starts it again on the same port and data (for restart tests).</summary>
    public async Task RestartApiServerAsync(CancellationToken cancellationToken = default)
    {
        var binaries = ControlPlaneBinaries.Locate();
        ApiServer.Stop(TimeSpan.FromSeconds(10));
        _processes.Remove(ApiServer);
        ApiServer.Dispose();
        StartApiServer(binaries);
        await WaitForApiServerAsync(cancellationToken);
    }

    private int _etcdPort;

    private async Task StartProcessesAsync(ControlPlaneBinaries binaries, ControlPlaneOptions options, CancellationToken cancellationToken)
    {
        _etcdPort = options.EtcdPort != 0 ? options.EtcdPort : FreePort.Next();
        var peerPort = FreePort.Next();
        var etcdData = Path.Combine(StateDirectory, "etcd");
        var etcd = Start("etcd", binaries.Etcd,
        [
            "--name=default", $"--data-dir={etcdData}",
            $"--listen-client-urls=http://127.0.0.1:{_etcdPort}", $"--advertise-client-urls=http://127.0.0.1:{_etcdPort}",
            $"--listen-peer-urls=http://127.0.0.1:{peerPort}", $"--initial-advertise-peer-urls=http://127.0.0.1:{peerPort}",
            $"--initial-cluster=default=http://127.0.0.1:{peerPort}", "--log-level=warn",
        ]);
        using (var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) })
        {
            await Expect(etcd, ct => PollAsync(http, $"http://127.0.0.1:{_etcdPort}/health", "true", ct), cancellationToken);
        }

        WriteServiceAccountKey();
        File.WriteAllText(Path.Combine(StateDirectory, "tokens.csv"), $"{Token},admin,admin,\"system:masters\"\n");
        File.WriteAllText(KubeconfigPath, Kubeconfig(ApiServerUrl, Token));
        StartApiServer(binaries);
        await WaitForApiServerAsync(cancellationToken);
    }

    private async Task StartControllerManagerAsync(string binary, CancellationToken cancellationToken)
    {
        ControllerManager = Start("kube-controller-manager", binary,
        [
            $"--kubeconfig={KubeconfigPath}",
            "--controllers=garbagecollector,namespace,serviceaccount,serviceaccount-token",
            $"--service-account-private-key-file={Path.Combine(StateDirectory, "sa.key")}",
            $"--root-ca-file={Path.Combine(StateDirectory, "certs", "apiserver.crt")}",
            "--leader-elect=false", "--port=0", "--secure-port=0", "--v=1",
        ]);
        // The service-account controller creating "default" proves the controller manager works.
        using var client = CreateClient();
        await Expect(ControllerManager, async ct =>
        {
            var accounts = await client.ListNamespacedServiceAccountAsync("default", cancellationToken: ct);
            return accounts.Items.Any(a => a.Metadata.Name == "default");
        }, cancellationToken);
    }

    private void StartApiServer(ControlPlaneBinaries binaries)
    {
        var certs = Path.Combine(StateDirectory, "certs");
        Directory.CreateDirectory(certs);
        var saKey = Path.Combine(StateDirectory, "sa.key");
        ApiServer = Start("kube-apiserver", binaries.ApiServer,
        [
            $"--etcd-servers=http://127.0.0.1:{_etcdPort}", $"--cert-dir={certs}",
            $"--secure-port={ApiServerUrl.Port}", "--bind-address=127.0.0.1", "--advertise-address=127.0.0.1",
            "--insecure-port=0", "--service-cluster-ip-range=10.0.0.0/24", "--allow-privileged=true",
            "--authorization-mode=RBAC", $"--token-auth-file={Path.Combine(StateDirectory, "tokens.csv")}",
            "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
            $"--service-account-key-file={saKey}", $"--service-account-signing-key-file={saKey}",
            "--enable-priority-and-fairness=false", "--endpoint-reconciler-type=none", "--v=0",
        ]);
    }

    private async Task WaitForApiServerAsync(CancellationToken cancellationToken)
    {
        using var http = CreateHttpClient();
        http.Timeout = TimeSpan.FromSeconds(3);
        await Expect(ApiServer, ct => PollAsync(http, "/healthz", "ok", ct), cancellationToken);
    }

    private ManagedProcess Start(string name, string file, string[] arguments)
    {
        var logs = Path.Combine(StateDirectory, "logs");
        Directory.CreateDirectory(logs);
        var process = ManagedProcess.Start(name, file, arguments, Path.Combine(logs, $"{name}.log"), _watchdog);
        _processes.Add(process);
        return process;
    }

    private static async Task Expect(ManagedProcess process, Func<CancellationToken, Task<bool>> ready, CancellationToken cancellationToken)
    {
        var ok = await WaitFor.ConditionAsync(async ct => process.HasExited
                ? throw new InvalidOperationException(process.Describe())
                : await ready(ct),
            Timeout.InfiniteTimeSpan, TimeSpan.FromMilliseconds(200), cancellationToken)
            .ContinueWith(t => t.IsCompletedSuccessfully && t.Result, TaskScheduler.Default);
        if (process.HasExited || !ok)
        {
            throw new InvalidOperationException($"the control plane did not come up: {process.Describe()}");
        }
    }

    private static async Task<bool> PollAsync(HttpClient http, string url, string expected, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(url, cancellationToken);
        return response.StatusCode == HttpStatusCode.OK && (await response.Content.ReadAsStringAsync(cancellationToken)).Contains(expected);
    }

    private void WriteServiceAccountKey()
    {
        var path = Path.Combine(StateDirectory, "sa.key");
        if (File.Exists(path)) return;
        using var rsa = RSA.Create(2048);
        File.WriteAllText(path, rsa.ExportRSAPrivateKeyPem());
    }

    private static string LoadOrCreateToken(string state)
    {
        var path = Path.Combine(state, "admin.token");
        if (File.Exists(path)) return File.ReadAllText(path).Trim();
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        File.WriteAllText(path, token);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return token;
    }

    private static string Kubeconfig(Uri server, string token) => $"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: lebureau
          cluster:
            server: {server.AbsoluteUri.TrimEnd('/')}
            insecure-skip-tls-verify: true
        users:
        - name: admin
          user:
            token: {token}
        contexts:
        - name: lebureau
          context:
            cluster: lebureau
            user: admin
        current-context: lebureau

        """;

    public ValueTask DisposeAsync()
    {
        // Reverse order: the controller manager and API server go before etcd.
        for (var i = _processes.Count - 1; i >= 0; i--)
        {
            _processes[i].Dispose();
        }
        _processes.Clear();
        _watchdog.Dispose();
        if (_ownsState)
        {
            try { Directory.Delete(StateDirectory, recursive: true); } catch (IOException) { }
        }
        return ValueTask.CompletedTask;
    }
}
