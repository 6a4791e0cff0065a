using System.Text;
using k8s;
using k8s.Models;
using LeBureau.Testing;

namespace LeBureau.Operator.Tests.Infrastructure;

/// <summary>A ServiceAccount in a test namespace bound to exactly config/rbac/role.yaml, with a kubeconfig for it; the role and binding go on dispose.</summary>
public sealed class OperatorAccount : IAsyncDisposable
{
    private readonly ControlPlaneFixture _fixture;
    private readonly string _name;

    private OperatorAccount(ControlPlaneFixture fixture, string name, string kubeconfig)
    {
        _fixture = fixture;
        _name = name;
        Kubeconfig = kubeconfig;
    }

    /// <summary>The kubeconfig that authenticates as the ServiceAccount.</summary>
    public string Kubeconfig { get; }

    /// <summary>Creates the ClusterRole (a copy of config/rbac/role.yaml), the ServiceAccount "operator" in <paramref name="namespace"/>, the binding and a token.</summary>
    public static async Task<OperatorAccount> CreateAsync(ControlPlaneFixture fixture, string @namespace)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var name = $"lebureau-operator-{@namespace}";
        var role = KubernetesYaml.Deserialize<V1ClusterRole>(await File.ReadAllTextAsync(RepoPaths.Of("config", "rbac", "role.yaml")));
        role.Metadata.Name = name;
        await fixture.Client.CreateClusterRoleAsync(role);
        await fixture.Client.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = "operator" } }, @namespace);
        await fixture.Client.CreateClusterRoleBindingAsync(new V1ClusterRoleBinding
        {
            Metadata = new V1ObjectMeta { Name = name },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = name },
            Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = "operator", NamespaceProperty = @namespace }],
        });
        await fixture.Client.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "operator-token", Annotations = new Dictionary<string, string> { ["kubernetes.io/service-account.name"] = "operator" } },
            Type = "kubernetes.io/service-account-token",
        }, @namespace);
        var secret = await Eventually.Until(() => fixture.Client.ReadNamespacedSecretAsync("operator-token", @namespace),
            s => s.Data?.ContainsKey("token") == true, because: "the token controller fills the token");
        return new OperatorAccount(fixture, name, fixture.Plane.WriteKubeconfig($"operator-{@namespace}", Encoding.UTF8.GetString(secret.Data["token"])));
    }

    public async ValueTask DisposeAsync()
    {
        await _fixture.Client.DeleteClusterRoleBindingAsync(_name);
        await _fixture.Client.DeleteClusterRoleAsync(_name);
    }
}
