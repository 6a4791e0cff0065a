using System.Text.RegularExpressions;
using LeBureau.Deploy.Tests.Infrastructure;

namespace LeBureau.Deploy.Tests;

/// <summary>
/// helm is not on the CI machines, so the templates are checked as text: balanced blocks, and the
/// settings the operator and the api-server must run with.
/// </summary>
public sealed partial class ChartTemplateTests
{
    public static TheoryData<string> Templates => new(Directory.GetFiles(ChartPaths.Templates).Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(Templates))]
    public void Every_block_in_a_template_is_closed(string template)
    {
        var text = ChartPaths.Template(template);
        var opened = BlockStart().Matches(text).Count;
        var closed = BlockEnd().Matches(text).Count;

        closed.Should().Be(opened, $"{template} closes each if/range/with/define with an end");
        Regex.Matches(text, @"\{\{").Count.Should().Be(Regex.Matches(text, @"\}\}").Count, $"{template} balances its delimiters");
    }

    [Fact]
    public void The_operator_runs_with_leader_election_and_probes_on_its_health_port()
    {
        var operatorDeployment = ChartPaths.Template("operator-deployment.yaml");

        operatorDeployment.Should().Contain("name: Operator__LeaderElection__Enabled")
            .And.Contain("value: {{ $op.leaderElection.enabled | quote }}")
            .And.Contain("name: Operator__LeaderElection__Identity")
            .And.Contain("path: /healthz")
            .And.Contain("path: /readyz")
            .And.Contain("- name: metrics")
            .And.Contain("- name: health");
    }

    [Theory]
    [InlineData("operator-deployment.yaml")]
    [InlineData("api-server-deployment.yaml")]
    public void Component_pods_use_the_restrictive_security_contexts(string template)
    {
        var text = ChartPaths.Template(template);
        var helpers = ChartPaths.Template("_helpers.tpl");

        text.Should().Contain("{{- include \"lebureau.podSecurityContext\" . | nindent 8 }}")
            .And.Contain("{{- include \"lebureau.containerSecurityContext\" . | nindent 12 }}");
        helpers.Should().Contain("runAsNonRoot: true").And.Contain("type: RuntimeDefault")
            .And.Contain("readOnlyRootFilesystem: true").And.Contain("allowPrivilegeEscalation: false")
            .And.MatchRegex(@"drop:\s*\n\s*- ALL");
    }

    [Fact]
    public void The_default_replica_counts_are_two()
    {
        var values = Yaml.LoadMapping(ChartPaths.Values);

        values.Scalar("operator", "replicas").Should().Be("2");
        values.Scalar("operator", "leaderElection", "enabled").Should().Be("true");
        values.Scalar("apiServer", "replicas").Should().Be("2");
    }

    [Fact]
    public void The_instancetypes_are_sized_by_the_tier_table()
    {
        var values = Yaml.LoadMapping(ChartPaths.Values);
        var tiers = Yaml.LoadMapping(LeBureau.Testing.RepoPaths.Of("config", "tiers.yaml"));

        foreach (var tier in new[] { "free", "pro", "max" })
        {
            foreach (var field in new[] { "cpu", "memory", "disk" })
            {
                values.Scalar("tiers", tier, field).Should().Be(tiers.Scalar(tier, field), $"the chart's {tier}.{field} matches config/tiers.yaml");
            }
        }
        ChartPaths.Template("instancetypes.yaml").Should().Contain("apiVersion: instancetype.kubevirt.io/v1beta1")
            .And.Contain("kind: VirtualMachineClusterInstancetype")
            .And.Contain("guest: {{ $size.cpu }}")
            .And.Contain("guest: {{ $size.memory }}");
    }

    [Fact]
    public void The_desktop_network_policy_admits_only_the_operator_and_the_api_server_to_the_agent_port()
    {
        var policy = ChartPaths.Template("networkpolicy.yaml");

        policy.Should().Contain("key: lebureau.io/desktop").And.Contain("operator: Exists")
            .And.Contain("- Ingress")
            .And.Contain("port: {{ $.Values.operator.agentPort }}")
            .And.MatchRegex(@"values:\s*\n\s*- operator\s*\n\s*- api-server");
    }

    [GeneratedRegex(@"\{\{-?\s*(if|range|with|define)\b")]
    private static partial Regex BlockStart();

    [GeneratedRegex(@"\{\{-?\s*end\b")]
    private static partial Regex BlockEnd();
}
