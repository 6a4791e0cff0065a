using System.Text;
using k8s;
using k8s.Models;
using LeBureau.Operator.Desktops;
using LeBureau.Operator.Runtime;
using LeBureau.Operator.Tests.Infrastructure;
using LeBureau.Operator.Tests.PodSimulator;
using LeBureau.Resources;
using LeBureau.Testing;

namespace LeBureau.Operator.Tests.Integration;

/// <summary>The pod runtime end to end: the simulator plays the kubelet and runs a real desktop agent on each Pod's IP.</summary>
[Collection(OperatorCollection.Name)]
public sealed class PodRuntimeTests(ControlPlaneFixture fixture) : IAsyncLifetime
{
    private const string ProviderKey = "sk-pod-runtime-never-in-a-spec";
    private DesktopApi _desktops = null!;
    private ResourceClient<V1Pod> _pods = null!;
    private PodStatusSimulator _simulator = null!;
    private OperatorInstance _operator = null!;
    private string _ns = "";

    public async Task InitializeAsync()
    {
        _ns = await fixture.CreateNamespaceAsync("pods");
        _desktops = new DesktopApi(fixture.Client, _ns);
        _pods = new ResourceClient<V1Pod>(new KubeApi(fixture.Client));
        _simulator = await PodStatusSimulator.StartAsync(fixture.Plane, _ns, TestAgent.Binary);
        _operator = await OperatorInstance.StartAsync(fixture.Plane.KubeconfigPath, _ns, "Pod", "--Operator:AgentPort=18080",
            "--Operator:DefaultImage=example.test/desktop:1");
    }

    public async Task DisposeAsync()
    {
        await _operator.DisposeAsync();
        await _simulator.DisposeAsync();
    }

    [Fact]
    public async Task A_pod_desktop_runs_stops_keeping_its_disk_starts_restarts_and_is_deleted_with_everything()
    {
        await fixture.Client.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "openai" }, StringData = new Dictionary<string, string> { ["apiKey"] = ProviderKey },
        }, _ns);
        await _desktops.CreateAsync("p1", s =>
        {
            s.Tier = Tier.Pro;
            s.Provider = new Desktop.ProviderSpec { Name = ProviderName.OpenAI, SecretRef = new SecretKeyRef { Name = "openai" } };
        });

        var running = await _desktops.WaitAsync("p1", d => d.Status.Phase == DesktopPhase.Running && d.Status.AgentReady, because: "p1 running with its agent ready");
        running.Status.IpAddress.Should().StartWith("127.79.");
        running.Status.AgentEndpoint.Should().Be($"http://{running.Status.IpAddress}:18080");

        var disk = await fixture.Client.ReadNamespacedPersistentVolumeClaimAsync(DesktopNames.DataDisk("p1"), _ns);
        disk.Spec.Resources.Requests["storage"].ToString().Should().Be("40Gi");
        disk.Metadata.OwnerReferences.Should().ContainSingle(o => o.Kind == "Desktop" && o.Uid == running.Metadata.Uid && o.Controller == true);

        var pod = (await _pods.GetAsync(_ns, "p1"))!;
        pod.Metadata.Labels.Should().Contain(Labels.Desktop, "p1").And.Contain(Labels.Component, "desktop");
        pod.Metadata.OwnerReferences.Should().ContainSingle(o => o.Kind == "Desktop" && o.Uid == running.Metadata.Uid && o.Controller == true);
        var container = pod.Spec.Containers.Single();
        container.Image.Should().Be("example.test/desktop:1");
        container.Resources.Requests["cpu"].ToString().Should().Be("4");
        container.Resources.Requests["memory"].ToString().Should().Be("8Gi");
        container.Resources.Limits["memory"].ToString().Should().Be("8Gi");
        container.Ports.Should().ContainSingle(p => p.ContainerPort == 18080);
        container.Env.Should().ContainSingle(e => e.Name == "LEBUREAU_PROVIDER_KEY" && e.ValueFrom.SecretKeyRef.Name == "openai" && e.ValueFrom.SecretKeyRef.Key == "apiKey");
        pod.Spec.Volumes.Should().Contain(v => v.Name == "data" && v.PersistentVolumeClaim.ClaimName == DesktopNames.DataDisk("p1"));
        pod.Spec.Volumes.Should().Contain(v => v.Secret != null && v.Secret.SecretName == DesktopNames.AgentTokenSecret("p1"));
        var podJson = KubernetesJson.Serialize(pod);
        var token = await fixture.Client.ReadNamespacedSecretAsync(DesktopNames.AgentTokenSecret("p1"), _ns);
        podJson.Should().NotContain(Encoding.UTF8.GetString(token.Data[DesktopNames.TokenKey]), "the token lives in its Secret only");
        podJson.Should().NotContain(ProviderKey, "the provider key stays in the user's Secret");

        // Stop: the Pod goes, the disk stays.
        await _desktops.PatchSpecAsync("p1", new { running = false });
        var stopped = await _desktops.WaitAsync("p1", d => d.Status.Phase == DesktopPhase.Stopped, because: "p1 stopped");
        stopped.Status.AgentReady.Should().BeFalse();
        stopped.Status.IpAddress.Should().BeNull();
        (await _pods.GetAsync(_ns, "p1")).Should().BeNull();
        (await fixture.Client.ReadNamespacedPersistentVolumeClaimAsync(DesktopNames.DataDisk("p1"), _ns)).Metadata.Uid.Should().Be(disk.Metadata.Uid);

        // Start again: a new Pod on the same disk.
        await _desktops.PatchSpecAsync("p1", new { running = true });
        var again = await _desktops.WaitAsync("p1", d => d.Status.Phase == DesktopPhase.Running && d.Status.AgentReady, because: "p1 running again");
        var second = (await _pods.GetAsync(_ns, "p1"))!;
        second.Metadata.Uid.Should().NotBe(pod.Metadata.Uid);
        second.Spec.Volumes.Should().Contain(v => v.Name == "data" && v.PersistentVolumeClaim.ClaimName == DesktopNames.DataDisk("p1"));
        (await fixture.Client.ReadNamespacedPersistentVolumeClaimAsync(DesktopNames.DataDisk("p1"), _ns)).Metadata.Uid.Should().Be(disk.Metadata.Uid);

        // Restart: the Pod is deleted and recreated.
        await _desktops.PatchSpecAsync("p1", new { restartedAt = DateTimeOffset.UtcNow });
        await Eventually.Until(() => _pods.GetAsync(_ns, "p1"), p => p is not null && p.Metadata.Uid != second.Metadata.Uid, because: "a new Pod");
        var restarted = await _desktops.WaitAsync("p1", d => d.Status.ObservedRestartedAt is not null && d.Status.Phase == DesktopPhase.Running && d.Status.AgentReady,
            because: "p1 restarted");
        restarted.Status.IpAddress.Should().NotBe(again.Status.IpAddress);

        // Delete: the finalizer holds until the Pod is gone, then the garbage collector takes the rest.
        await _desktops.Client.DeleteAsync(_ns, "p1");
        await _desktops.WaitGoneAsync("p1");
        (await _pods.GetAsync(_ns, "p1")).Should().BeNull();
        await Eventually.Until(async () => (await fixture.Client.ListNamespacedSecretAsync(_ns, labelSelector: $"{Labels.Desktop}=p1")).Items.Count,
            n => n == 0, TimeSpan.FromSeconds(120), "secrets garbage-collected");
        // The PVC keeps the kubernetes.io/pvc-protection finalizer, whose controller the test plane does not run: deletion started is the end.
        await Eventually.Until(async () => (await fixture.Client.ListNamespacedPersistentVolumeClaimAsync(_ns)).Items,
            claims => claims.All(c => c.Metadata.DeletionTimestamp is not null), TimeSpan.FromSeconds(120), "disk garbage-collected");
    }
}
