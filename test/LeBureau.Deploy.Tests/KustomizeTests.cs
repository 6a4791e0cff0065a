using LeBureau.Deploy.Tests.Infrastructure;
using LeBureau.Testing;
using YamlDotNet.RepresentationModel;

namespace LeBureau.Deploy.Tests;

/// <summary>config/default builds with kustomize and the API server accepts every object it makes.</summary>
[Collection(ControlPlaneCollection.Name)]
public sealed class KustomizeTests(ControlPlaneFixture fixture)
{
    private static async Task<string> BuildDefaultAsync(Kubectl kubectl)
    {
        var built = await kubectl.RunAsync(["kustomize", RepoPaths.Of("config", "default")]);
        built.ExitCode.Should().Be(0, built.ToString());
        return built.StdOut;
    }

    [Fact]
    public async Task Kustomize_build_of_config_default_makes_the_whole_install()
    {
        var objects = Yaml.Documents(await BuildDefaultAsync(fixture.Kubectl))
            .Select(d => $"{d.Scalar("kind")}/{d.Scalar("metadata", "name")}")
            .ToList();

        objects.Should().Contain([
            "Namespace/lebureau-system",
            "CustomResourceDefinition/desktops.lebureau.io",
            "CustomResourceDefinition/apikeys.lebureau.io",
            "CustomResourceDefinition/desktoptasks.lebureau.io",
            "ClusterRole/lebureau-operator",
            "ClusterRole/lebureau-api-server",
            "Deployment/lebureau-operator",
            "Deployment/lebureau-api-server",
            "Service/lebureau-api-server",
            "Deployment/lebureau-redis",
            "Service/lebureau-redis",
        ]);
    }

    [Fact]
    public async Task Every_namespaced_object_of_config_default_lands_in_lebureau_system()
    {
        var namespaces = Yaml.Documents(await BuildDefaultAsync(fixture.Kubectl))
            .Where(d => d.Scalar("kind") is not ("Namespace" or "CustomResourceDefinition" or "ClusterRole" or "ClusterRoleBinding"))
            .Select(d => d.Scalar("metadata", "namespace"))
            .Distinct();

        namespaces.Should().Equal("lebureau-system");
    }

    [Fact]
    public async Task Each_deployment_runs_as_a_service_account_that_exists_and_is_bound_to_a_cluster_role()
    {
        var objects = Yaml.Documents(await BuildDefaultAsync(fixture.Kubectl));
        var accounts = objects.Where(d => d.Scalar("kind") == "ServiceAccount").Select(d => d.Scalar("metadata", "name")).ToList();
        var roles = objects.Where(d => d.Scalar("kind") == "ClusterRole").Select(d => d.Scalar("metadata", "name")).ToList();
        var bound = objects.Where(d => d.Scalar("kind") == "ClusterRoleBinding")
            .Where(d => roles.Contains(d.Scalar("roleRef", "name")))
            .SelectMany(d => ((YamlSequenceNode)d.Child("subjects")!).Children)
            .Where(s => s.Scalar("kind") == "ServiceAccount" && s.Scalar("namespace") == "lebureau-system")
            .Select(s => s.Scalar("name")).ToList();

        foreach (var name in new[] { "lebureau-operator", "lebureau-api-server" })
        {
            var deployment = objects.Single(d => d.Scalar("kind") == "Deployment" && d.Scalar("metadata", "name") == name);
            var account = deployment.Scalar("spec", "template", "spec", "serviceAccountName");
            accounts.Should().Contain(account, $"{name} runs as a ServiceAccount the install creates");
            bound.Should().Contain(account, $"{name}'s ServiceAccount is bound to a ClusterRole of the install");
        }
    }

    [Fact]
    public async Task The_api_server_accepts_config_default_in_a_server_side_dry_run()
    {
        var manifests = await BuildDefaultAsync(fixture.Kubectl);
        // A dry run creates nothing, so the namespace its objects go into has to exist already.
        var ns = await fixture.Kubectl.RunAsync(["create", "namespace", "lebureau-system", "--dry-run=client", "-o", "yaml"]);
        var created = await fixture.Kubectl.RunAsync(["apply", "-f", "-"], ns.StdOut);
        created.ExitCode.Should().Be(0, created.ToString());

        var applied = await fixture.Kubectl.RunAsync(["apply", "--dry-run=server", "-f", "-"], manifests);

        applied.ExitCode.Should().Be(0, applied.ToString());
        applied.StdOut.Should().Contain("deployment.apps/lebureau-operator created (server dry run)")
            .And.Contain("deployment.apps/lebureau-api-server created (server dry run)")
            .And.Contain("service/lebureau-api-server created (server dry run)")
            .And.Contain("clusterrole.rbac.authorization.k8s.io/");
    }
}
