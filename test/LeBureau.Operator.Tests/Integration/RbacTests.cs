using k8s;
using k8s.Models;
using LeBureau.Operator.Tests.Infrastructure;
using LeBureau.Operator.Tests.KubeVirtSimulator;
using LeBureau.Resources;
using LeBureau.Testing;

namespace LeBureau.Operator.Tests.Integration;

/// <summary>The operator runs as a ServiceAccount bound to exactly config/rbac/role.yaml and the lifecycle works.</summary>
[Collection(OperatorCollection.Name)]
public sealed class RbacTests(ControlPlaneFixture fixture) : IAsyncLifetime
{
    private DesktopApi _desktops = null!;
    private VirtualMachineSimulator _simulator = null!;
    private OperatorInstance _operator = null!;
    private string _ns = "";
    private OperatorAccount _account = null!;

    public async Task InitializeAsync()
    {
        _ns = await fixture.CreateNamespaceAsync("rbac");
        _desktops = new DesktopApi(fixture.Client, _ns);
        _simulator = await VirtualMachineSimulator.StartAsync(fixture.Plane, _ns, agentBinary: null);

        _account = await OperatorAccount.CreateAsync(fixture, _ns);
        _operator = await OperatorInstance.StartAsync(_account.Kubeconfig, _ns, "KubeVirt",
            "--Operator:LeaderElection:Enabled=true", $"--Operator:LeaderElection:LeaseNamespace={_ns}");
    }

    public async Task DisposeAsync()
    {
        await _operator.DisposeAsync();
        await _simulator.DisposeAsync();
        await _account.DisposeAsync();
    }

    [Fact]
    public async Task The_lifecycle_works_under_the_least_privilege_role()
    {
        await fixture.Client.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "openai" }, StringData = new Dictionary<string, string> { ["apiKey"] = "sk-test" },
        }, _ns);
        await _desktops.CreateAsync("r1", s => s.Provider = new Desktop.ProviderSpec { Name = ProviderName.OpenAI, SecretRef = new SecretKeyRef { Name = "openai" } });
        await _desktops.WaitAsync("r1", d => d.Status.Phase == DesktopPhase.Running, because: "r1 running as the ServiceAccount");
        await _desktops.PatchSpecAsync("r1", new { running = false });
        await _desktops.WaitAsync("r1", d => d.Status.Phase == DesktopPhase.Stopped, because: "r1 stopped");
        await _desktops.PatchSpecAsync("r1", new { restartedAt = DateTimeOffset.UtcNow, running = true });
        await _desktops.WaitAsync("r1", d => d.Status.Phase == DesktopPhase.Running && d.Status.ObservedRestartedAt is not null, because: "r1 running again");
        await _desktops.CreateAsync("r2", s => s.ExpiresAt = DateTimeOffset.UtcNow.AddSeconds(2));
        await _desktops.WaitGoneAsync("r2");
        await _desktops.Client.DeleteAsync(_ns, "r1");
        await _desktops.WaitGoneAsync("r1");
        var events = await fixture.Client.CoreV1.ListNamespacedEventAsync(_ns);
        events.Items.Should().Contain(e => e.InvolvedObject.Name == "r1" && e.Reason == "Running");
    }
}
