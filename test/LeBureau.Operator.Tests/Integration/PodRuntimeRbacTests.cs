using k8s;
using k8s.Models;
using LeBureau.Operator.Runtime;
using LeBureau.Operator.Tests.Infrastructure;
using LeBureau.Operator.Tests.PodSimulator;
using LeBureau.Resources;
using LeBureau.Testing;

namespace LeBureau.Operator.Tests.Integration;

/// <summary>The pod runtime as a ServiceAccount bound to exactly config/rbac/role.yaml: pods and data disks need nothing more.</summary>
[Collection(OperatorCollection.Name)]
public sealed class PodRuntimeRbacTests(ControlPlaneFixture fixture) : IAsyncLifetime
{
    private DesktopApi _desktops = null!;
    private PodStatusSimulator _simulator = null!;
    private OperatorAccount _account = null!;
    private OperatorInstance _operator = null!;
    private string _ns = "";

    public async Task InitializeAsync()
    {
        _ns = await fixture.CreateNamespaceAsync("pod-rbac");
        _desktops = new DesktopApi(fixture.Client, _ns);
        _simulator = await PodStatusSimulator.StartAsync(fixture.Plane, _ns, TestAgent.Binary);
        _account = await OperatorAccount.CreateAsync(fixture, _ns);
        _operator = await OperatorInstance.StartAsync(_account.Kubeconfig, _ns, "Pod", "--Operator:AgentPort=18080");
    }

    public async Task DisposeAsync()
    {
        await _operator.DisposeAsync();
        await _simulator.DisposeAsync();
        await _account.DisposeAsync();
    }

    [Fact]
    public async Task The_pod_lifecycle_works_under_the_least_privilege_role()
    {
        await fixture.Client.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "openai" }, StringData = new Dictionary<string, string> { ["apiKey"] = "sk-test" },
        }, _ns);
        await _desktops.CreateAsync("r1", s => s.Provider = new Desktop.ProviderSpec { Name = ProviderName.OpenAI, SecretRef = new SecretKeyRef { Name = "openai" } });
        await _desktops.WaitAsync("r1", d => d.Status.Phase == DesktopPhase.Running && d.Status.AgentReady, because: "r1 running as the ServiceAccount");
        await _desktops.PatchSpecAsync("r1", new { running = false });
        await _desktops.WaitAsync("r1", d => d.Status.Phase == DesktopPhase.Stopped, because: "r1 stopped");
        await _desktops.PatchSpecAsync("r1", new { restartedAt = DateTimeOffset.UtcNow, running = true });
        await _desktops.WaitAsync("r1", d => d.Status.Phase == DesktopPhase.Running && d.Status.ObservedRestartedAt is not null, because: "r1 running again");
        await _desktops.Client.DeleteAsync(_ns, "r1");
        await _desktops.WaitGoneAsync("r1");
        (await new ResourceClient<V1Pod>(new KubeApi(fixture.Client)).GetAsync(_ns, "r1")).Should().BeNull();
    }
}
