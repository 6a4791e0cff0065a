using System.Text;
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
    private string _binding = "";

    public async Task InitializeAsync()
    {
        _ns = await fixture.CreateNamespaceAsync("rbac");
        _desktops = new DesktopApi(fixture.Client, _ns);
        _simulator = await VirtualMachineSimulator.StartAsync(fixture.Plane, _ns, agentBinary: null);

        var role = KubernetesYaml.Deserialize<V1ClusterRole>(await File.ReadAllTextAsync(RepoPaths.Of("config", "rbac", "role.yaml")));
        role.Metadata.Name = $"lebureau-operator-{_ns}";
        await fixture.Client.CreateClusterRoleAsync(role);
        await fixture.Client.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = "operator" } }, _ns);
        _binding = $"lebureau-operator-{_ns}";
        await fixture.Client.CreateClusterRoleBindingAsync(new V1ClusterRoleBinding
        {
            Metadata = new V1ObjectMeta { Name = _binding },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = role.Metadata.Name },
            Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = "operator", NamespaceProperty = _ns }],
        });
        await fixture.Client.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "operator-token", Annotations = new Dictionary<string, string> { ["kubernetes.io/service-account.name"] = "operator" } },
            Type = "kubernetes.io/service-account-token",
        }, _ns);
        var secret = await Eventually.Until(() => fixture.Client.ReadNamespacedSecretAsync("operator-token", _ns),
            s => s.Data?.ContainsKey("token") == true, because: "the token controller fills the token");
        var kubeconfig = fixture.Plane.WriteKubeconfig($"operator-{_ns}", Encoding.UTF8.GetString(secret.Data["token"]));
        _operator = await OperatorInstance.StartAsync(kubeconfig, _ns, "KubeVirt",
            "--Operator:LeaderElection:Enabled=true", $"--Operator:LeaderElection:LeaseNamespace={_ns}");
    }

    public async Task DisposeAsync()
    {
        await _operator.DisposeAsync();
        await _simulator.DisposeAsync();
        await fixture.Client.DeleteClusterRoleBindingAsync(_binding);
        await fixture.Client.DeleteClusterRoleAsync(_binding);
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
