using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;
using LeBureau.Resources;
using LeBureau.Testing;

namespace LeBureau.ControlPlane.Tests;

/// <summary>The CRDs behave as users will use them, against a real kube-apiserver.</summary>
[Collection(ControlPlaneCollection.Name)]
public sealed class CrdTests(ControlPlaneFixture fixture)
{
    private const string DesktopYaml = """
        apiVersion: lebureau.io/v1alpha1
        kind: Desktop
        metadata:
          name: {0}
        spec:
          displayName: "{1}"
          tier: {2}
          idleTimeout: "{3}"
        """;

    private static string Desktop(string name, string displayName = "Desk", string tier = "pro", string idle = "30m") =>
        string.Format(DesktopYaml, name, displayName, tier, idle);

    [Fact]
    public async Task Kubectl_apply_of_the_samples_succeeds()
    {
        var ns = await fixture.CreateNamespaceAsync("samples");
        var result = await fixture.Kubectl.RunAsync(["apply", "-n", ns, "-f", RepoPaths.Of("config", "samples")]);
        result.ExitCode.Should().Be(0, result.ToString());
        result.StdOut.Should().Contain("desktop.lebureau.io/research-desk created")
            .And.Contain("apikey.lebureau.io/automation created")
            .And.Contain("desktoptask.lebureau.io/install-postgres created");
    }

    [Fact]
    public async Task Defaults_are_filled_in_by_the_api_server()
    {
        var ns = await fixture.CreateNamespaceAsync("defaults");
        var created = await fixture.Kubectl.RunAsync(["apply", "-n", ns, "-f", "-"], """
            apiVersion: lebureau.io/v1alpha1
            kind: Desktop
            metadata:
              name: bare
            spec:
              displayName: Bare
            """);
        created.ExitCode.Should().Be(0, created.ToString());
        var desktop = await fixture.Client.CustomObjects.GetNamespacedCustomObjectAsync<Desktop>(
            Resources.Desktop.Group, Resources.Desktop.Version, ns, Resources.Desktop.Plural, "bare");
        desktop.Spec.Tier.Should().Be(Tier.Free);
        desktop.Spec.Running.Should().BeTrue();
        desktop.Spec.KeepAlive.Should().BeFalse();
        desktop.Spec.IdleTimeout.Should().Be("30m");
    }

    [Theory]
    [InlineData("tier", "giant", "spec.tier")]
    [InlineData("idle", "-5m", "spec.idleTimeout")]
    [InlineData("displayName", "", "spec.displayName")]
    public async Task An_invalid_desktop_is_rejected_naming_the_field(string field, string value, string expected)
    {
        var ns = await fixture.CreateNamespaceAsync("invalid");
        var yaml = field switch
        {
            "tier" => Desktop("bad", tier: value),
            "idle" => Desktop("bad", idle: value),
            _ => Desktop("bad", displayName: value),
        };
        var result = await fixture.Kubectl.RunAsync(["apply", "-n", ns, "-f", "-"], yaml);
        result.ExitCode.Should().NotBe(0);
        result.StdErr.Should().Contain(expected).And.Contain("is invalid");
    }

    [Fact]
    public async Task A_desktop_without_a_display_name_is_rejected_as_required_by_the_api_server()
    {
        var ns = await fixture.CreateNamespaceAsync("invalid");
        // --validate=false: the API server, not kubectl's client-side check, must reject it.
        var result = await fixture.Kubectl.RunAsync(["apply", "--validate=false", "-n", ns, "-f", "-"], """
            apiVersion: lebureau.io/v1alpha1
            kind: Desktop
            metadata:
              name: nameless
            spec:
              tier: pro
            """);
        result.ExitCode.Should().NotBe(0);
        result.StdErr.Should().Contain("spec.displayName: Required value");
    }

    [Fact]
    public async Task An_api_key_with_an_unknown_capability_is_rejected_naming_the_field()
    {
        var ns = await fixture.CreateNamespaceAsync("invalid");
        var result = await fixture.Kubectl.RunAsync(["apply", "-n", ns, "-f", "-"], """
            apiVersion: lebureau.io/v1alpha1
            kind: ApiKey
            metadata:
              name: greedy
            spec:
              capabilities: ["desktop:read", "cluster:admin"]
            """);
        result.ExitCode.Should().NotBe(0);
        result.StdErr.Should().Contain("spec.capabilities").And.Contain("cluster:admin");
    }

    [Fact]
    public async Task A_task_with_a_bad_type_is_rejected_naming_the_field()
    {
        var ns = await fixture.CreateNamespaceAsync("invalid");
        var result = await fixture.Kubectl.RunAsync(["apply", "-n", ns, "-f", "-"], """
            apiVersion: lebureau.io/v1alpha1
            kind: DesktopTask
            metadata:
              name: odd
            spec:
              desktopRef: research-desk
              type: dance
              content: twirl
            """);
        result.ExitCode.Should().NotBe(0);
        result.StdErr.Should().Contain("spec.type").And.Contain("dance");
    }

    [Fact]
    public async Task Kubectl_get_desktops_shows_the_printer_columns()
    {
        var ns = await fixture.CreateNamespaceAsync("columns");
        (await fixture.Kubectl.RunAsync(["apply", "-n", ns, "-f", "-"], Desktop("one"))).ExitCode.Should().Be(0);
        var desktops = await fixture.Kubectl.RunAsync(["get", "desktops", "-n", ns]);
        desktops.ExitCode.Should().Be(0, desktops.ToString());
        var header = desktops.StdOut.Split('\n')[0];
        header.Should().MatchRegex(@"^NAME\s+TIER\s+PHASE\s+RUNNING\s+AGENT READY\s+IP\s+AGE");
        desktops.StdOut.Should().MatchRegex(@"one\s+pro\s+");

        var keys = await fixture.Kubectl.RunAsync(["get", "ak", "-n", ns]);
        keys.ExitCode.Should().Be(0, keys.ToString());
        var tasks = await fixture.Kubectl.RunAsync(["get", "dtask", "-n", ns]);
        tasks.ExitCode.Should().Be(0, tasks.ToString());
    }

    [Fact]
    public async Task Kubectl_explain_shows_the_field_description()
    {
        var result = await fixture.Kubectl.RunAsync(["explain", "desktop.spec.tier"]);
        result.ExitCode.Should().Be(0, result.ToString());
        result.StdOut.Should().Contain("Tier sizes the machine");
    }

    [Fact]
    public async Task Server_side_apply_and_status_patches_work_through_KubernetesClient()
    {
        var ns = await fixture.CreateNamespaceAsync("ssa");
        var desktop = new Desktop
        {
            Metadata = new V1ObjectMeta { Name = "applied", NamespaceProperty = ns },
            Spec = new Desktop.DesktopSpec { DisplayName = "Applied", Tier = Tier.Max },
        };
        var applied = await fixture.Client.CustomObjects.PatchNamespacedCustomObjectAsync<Desktop>(
            new V1Patch(KubernetesJson.Serialize(desktop), V1Patch.PatchType.ApplyPatch),
            Resources.Desktop.Group, Resources.Desktop.Version, ns, Resources.Desktop.Plural, "applied",
            fieldManager: "tests", force: true);
        applied.Spec.Tier.Should().Be(Tier.Max);
        applied.Metadata.ManagedFields.Should().Contain(f => f.Manager == "tests");

        var status = new { status = new { phase = "Running", agentReady = true, ipAddress = "127.0.9.9" } };
        var patched = await fixture.Client.CustomObjects.PatchNamespacedCustomObjectStatusAsync<Desktop>(
            new V1Patch(JsonSerializer.Serialize(status), V1Patch.PatchType.MergePatch),
            Resources.Desktop.Group, Resources.Desktop.Version, ns, Resources.Desktop.Plural, "applied");
        patched.Status.Phase.Should().Be(DesktopPhase.Running);
        patched.Status.AgentReady.Should().BeTrue();

        // The status subresource keeps spec writes from touching status and vice versa.
        var specOnly = new { spec = new { tier = "free" }, status = new { phase = "Error" } };
        var afterSpec = await fixture.Client.CustomObjects.PatchNamespacedCustomObjectAsync<Desktop>(
            new V1Patch(JsonSerializer.Serialize(specOnly), V1Patch.PatchType.MergePatch),
            Resources.Desktop.Group, Resources.Desktop.Version, ns, Resources.Desktop.Plural, "applied");
        afterSpec.Spec.Tier.Should().Be(Tier.Free);
        afterSpec.Status.Phase.Should().Be(DesktopPhase.Running);
    }

    [Fact]
    public async Task An_owner_referenced_child_is_garbage_collected_with_its_owner()
    {
        var ns = await fixture.CreateNamespaceAsync("gc");
        var owner = await fixture.Client.CustomObjects.CreateNamespacedCustomObjectAsync<Desktop>(
            new Desktop { Metadata = new V1ObjectMeta { Name = "owner" }, Spec = new Desktop.DesktopSpec { DisplayName = "Owner" } },
            Resources.Desktop.Group, Resources.Desktop.Version, ns, Resources.Desktop.Plural);
        await fixture.Client.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta
            {
                Name = "child",
                OwnerReferences = [new V1OwnerReference { ApiVersion = owner.ApiVersion, Kind = owner.Kind, Name = owner.Metadata.Name, Uid = owner.Metadata.Uid }],
            },
            StringData = new Dictionary<string, string> { ["token"] = "x" },
        }, ns);

        await fixture.Client.CustomObjects.DeleteNamespacedCustomObjectAsync(
            Resources.Desktop.Group, Resources.Desktop.Version, ns, Resources.Desktop.Plural, "owner");

        var gone = await LeBureau.ControlPlane.WaitFor.ConditionAsync(async ct =>
        {
            try
            {
                await fixture.Client.ReadNamespacedSecretAsync("child", ns, cancellationToken: ct);
                return false;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                return true;
            }
        }, TimeSpan.FromSeconds(90));
        gone.Should().BeTrue("the garbage collector deletes children whose owner is gone");
    }
}
