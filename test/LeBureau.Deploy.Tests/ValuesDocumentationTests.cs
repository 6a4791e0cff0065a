using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LeBureau.Deploy.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace LeBureau.Deploy.Tests;

/// <summary>Every value is documented, typed, used, and documented in the README's table.</summary>
public sealed partial class ValuesDocumentationTests
{
    private static readonly YamlMappingNode Values = Yaml.LoadMapping(ChartPaths.Values);
    private static readonly JsonNode Schema = JsonNode.Parse(File.ReadAllText(ChartPaths.Schema))!;

    [Fact]
    public void Every_key_in_values_yaml_has_a_comment_above_it()
    {
        var lines = File.ReadAllLines(ChartPaths.Values);
        var undocumented = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var key = KeyLine().Match(lines[i]);
            if (!key.Success) continue;
            var indent = key.Groups["indent"].Value;
            var above = i > 0 ? lines[i - 1] : "";
            if (!above.StartsWith(indent + "#", StringComparison.Ordinal)) undocumented.Add($"line {i + 1}: {key.Groups["key"].Value}");
        }

        undocumented.Should().BeEmpty("each value in values.yaml has a comment line right above it, at its indentation");
    }

    [Fact]
    public void Every_value_has_a_type_in_the_schema()
    {
        var untyped = Yaml.LeafPaths(Values).Where(path => SchemaAt(path)?["type"] is null).ToList();

        untyped.Should().BeEmpty("values.schema.json types every value");
    }

    [Fact]
    public void Every_value_the_templates_read_exists_in_values_yaml()
    {
        var known = Yaml.LeafPaths(Values).ToHashSet();
        var missing = TemplateValuePaths()
            .Where(path => !known.Contains(path) && !known.Any(k => k.StartsWith(path + ".", StringComparison.Ordinal)))
            .ToList();

        missing.Should().BeEmpty("templates read only values that values.yaml defines");
    }

    [Fact]
    public void Every_value_in_values_yaml_is_read_by_a_template()
    {
        var read = TemplateValuePaths().ToList();
        var unused = Yaml.LeafPaths(Values)
            .Where(leaf => !read.Any(path => leaf == path || leaf.StartsWith(path + ".", StringComparison.Ordinal)))
            .ToList();

        unused.Should().BeEmpty("a value no template reads does nothing");
    }

    [Fact]
    public void The_readme_table_lists_every_value()
    {
        var readme = File.ReadAllText(Path.Combine(ChartPaths.Root, "README.md"));
        var missing = Yaml.LeafPaths(Values).Where(path => !readme.Contains($"| `{path}` |", StringComparison.Ordinal)).ToList();

        missing.Should().BeEmpty("charts/lebureau/README.md has a row per value");
    }

    /// <summary>The dotted value paths the templates read: .Values.a.b, and $x.c where {{ $x := .Values.a }}.</summary>
    private static IEnumerable<string> TemplateValuePaths()
    {
        foreach (var file in Directory.GetFiles(ChartPaths.Templates))
        {
            var text = File.ReadAllText(file);
            var aliases = Alias().Matches(text).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["path"].Value);
            foreach (Match m in ValuesPath().Matches(text)) yield return m.Groups["path"].Value.TrimStart('.');
            foreach (var (name, prefix) in aliases)
            {
                foreach (Match m in new Regex(@"\$" + name + @"(?<rest>(\.[A-Za-z0-9_]+)+)").Matches(text))
                {
                    yield return (prefix + m.Groups["rest"].Value).TrimStart('.');
                }
            }
        }
    }

    /// <summary>The schema node for a dotted value path, following properties, additionalProperties and local $refs.</summary>
    private static JsonNode? SchemaAt(string path)
    {
        JsonNode? node = Schema;
        foreach (var key in path.Split('.'))
        {
            node = Resolve(node);
            node = node?["properties"]?[key] ?? (node?["additionalProperties"] is JsonObject extra ? extra : null);
        }
        return Resolve(node);
    }

    private static JsonNode? Resolve(JsonNode? node)
    {
        while (node?["$ref"] is JsonValue reference)
        {
            node = reference.GetValue<string>().TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries)
                .Aggregate((JsonNode?)Schema, (current, part) => current?[part]);
        }
        return node;
    }

    [GeneratedRegex(@"^(?<indent>\s*)(?<key>[A-Za-z0-9_-]+):")]
    private static partial Regex KeyLine();

    [GeneratedRegex(@"\.Values(?<path>(\.[A-Za-z0-9_]+)+)")]
    private static partial Regex ValuesPath();

    [GeneratedRegex(@"\$(?<name>[A-Za-z0-9_]+)\s*:=\s*\$?\.Values(?<path>(\.[A-Za-z0-9_]+)+)")]
    private static partial Regex Alias();
}
