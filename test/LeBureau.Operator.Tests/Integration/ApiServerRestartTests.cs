using k8s;
using k8s.Models;
using LeBureau.Operator.Runtime;
using LeBureau.Operator.Tests.Infrastructure;
using LeBureau.Operator.Tests.KubeVirtSimulator;
using LeBureau.Resources;
using LeBureau.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace LeBureau.Operator.Tests.Integration;

/// <summary>The kube-apiserver restarts under a running operator: watches resume and nothing is missed. Uses its own control plane.</summary>
public sealed class ApiServerRestartTests : IAsyncLifetime
{
    private ControlPlane.ControlPlane _plane = null!;
    private Kubernetes _client = null!;

    public async Task InitializeAsync()
    {
        _plane = await ControlPlane.ControlPlane.StartAsync(new ControlPlaneOptions { CrdDirectory = RepoPaths.Crds });
        _client = _plane.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _plane.DisposeAsync();
    }

    [Fact]
    public async Task Informer_and_operator_resume_after_an_api_server_restart()
    {
        const string ns = "restart";
        await _client.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        var desktops = new DesktopApi(_client, ns);
        await using var simulator = await VirtualMachineSimulator.StartAsync(_plane, ns, agentBinary: null);
        await using var op = await OperatorInstance.StartAsync(_plane.KubeconfigPath, ns);
        var informer = new Informer<V1ConfigMap>(new ResourceClient<V1ConfigMap>(new KubeApi(_client)), new InformerOptions { Namespaces = [ns] },
            NullLogger<Informer<V1ConfigMap>>.Instance);
        using var cts = new CancellationTokenSource();
        var run = informer.RunAsync(cts.Token);
        await informer.WaitForSyncAsync(cts.Token);

        await desktops.CreateAsync("before");
        await _client.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "gone-soon" } }, ns);
        await desktops.WaitAsync("before", d => d.Status.Phase == DesktopPhase.Running, because: "before running");
        await Eventually.Until(() => Task.FromResult(informer.Get(ns, "gone-soon")), c => c is not null, because: "cached");

        await _plane.RestartApiServerAsync();

        await _client.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "after" } }, ns);
        await _client.DeleteNamespacedConfigMapAsync("gone-soon", ns);
        await desktops.CreateAsync("after");
        await desktops.PatchSpecAsync("before", new { running = false });

        await Eventually.Until(() => Task.FromResult(informer.List(ns).Select(c => c.Metadata.Name).ToList()),
            names => names.Contains("after") && !names.Contains("gone-soon"), TimeSpan.FromSeconds(60), "the informer saw the changes after the restart");
        await desktops.WaitAsync("after", d => d.Status.Phase == DesktopPhase.Running, TimeSpan.FromSeconds(60), "after running");
        await desktops.WaitAsync("before", d => d.Status.Phase == DesktopPhase.Stopped, TimeSpan.FromSeconds(60), "before stopped");
        await cts.CancelAsync();
        await run;
    }
}
