using LeBureau.Deploy.Tests.Infrastructure;
using LeBureau.Testing;
using YamlDotNet.RepresentationModel;

namespace LeBureau.Deploy.Tests;

/// <summary>The chart grants what the plain manifests grant, no more and no less.</summary>
public sealed class RbacTests
{
    public static TheoryData<string, string> RolePairs => new()
    {
        { "clusterrole-operator.yaml", "config/rbac/role.yaml" },
        { "clusterrole-api-server.yaml", "config/manager/api_server_rbac.yaml" },
    };

    /// <summary>A chart template's rules block: from "rules:" to the next line of template syntax.</summary>
    private static string ChartRulesBlock(string template)
    {
        var lines = ChartPaths.Template(template).Split('\n');
        var start = Array.FindIndex(lines, l => l.TrimEnd() == "rules:");
        start.Should().BeGreaterThanOrEqualTo(0, $"templates/{template} has a top-level rules: block");
        return string.Join('\n', lines.Skip(start).TakeWhile((l, i) => i == 0 || !l.TrimStart().StartsWith("{{", StringComparison.Ordinal)));
    }

    /// <summary>The ClusterRole in a (possibly multi-document) manifest file.</summary>
    private static YamlNode ConfigRole(string file) =>
        Yaml.Documents(File.ReadAllText(RepoPaths.Of(file.Split('/')))).Single(d => d.Scalar("kind") == "ClusterRole");

    [Theory]
    [MemberData(nameof(RolePairs))]
    public void The_chart_cluster_role_grants_exactly_the_rules_of_the_plain_manifest(string template, string manifest)
    {
        var chart = Yaml.CanonicalRules(Yaml.Documents(ChartRulesBlock(template)).Single().Child("rules")!);
        var config = Yaml.CanonicalRules(ConfigRole(manifest).Child("rules")!);

        chart.Should().NotBeEmpty();
        chart.Should().Equal(config, $"charts/lebureau/templates/{template} must grant what {manifest} grants");
    }

    [Theory]
    [MemberData(nameof(RolePairs))]
    public void The_chart_rules_block_holds_no_template_syntax(string template, string manifest)
    {
        ChartRulesBlock(template).Should().NotContain("{{").And.NotContain("}}", $"the rules are {manifest}'s, verbatim");
    }

    [Fact]
    public void The_chart_binds_each_component_to_its_own_role()
    {
        var bindings = ChartPaths.Template("clusterrolebinding.yaml");

        bindings.Should().Contain("\"operator\" (include \"lebureau.operatorServiceAccountName\" .)")
            .And.Contain("\"api-server\" (include \"lebureau.apiServerServiceAccountName\" .)")
            .And.Contain("name: {{ include \"lebureau.fullname\" $ }}-{{ $component }}");
        ChartPaths.Template("clusterrole-operator.yaml").Should().Contain("name: {{ include \"lebureau.fullname\" . }}-operator");
        ChartPaths.Template("clusterrole-api-server.yaml").Should().Contain("name: {{ include \"lebureau.fullname\" . }}-api-server");
    }
}
