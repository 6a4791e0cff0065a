using YamlDotNet.RepresentationModel;

namespace LeBureau.Deploy.Tests.Infrastructure;

/// <summary>YAML helpers over YamlDotNet's representation model.</summary>
public static class Yaml
{
    /// <summary>Every document of a YAML text.</summary>
    public static IReadOnlyList<YamlNode> Documents(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return [.. stream.Documents.Select(d => d.RootNode)];
    }

    /// <summary>The single document of a YAML file, as a mapping.</summary>
    public static YamlMappingNode LoadMapping(string path) => (YamlMappingNode)Documents(File.ReadAllText(path)).Single();

    /// <summary>The child <paramref name="key"/> of a mapping, or null.</summary>
    public static YamlNode? Child(this YamlNode node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    /// <summary>The scalar value at a path of mapping keys, or null.</summary>
    public static string? Scalar(this YamlNode node, params string[] path)
    {
        YamlNode? current = node;
        foreach (var key in path) current = current?.Child(key);
        return (current as YamlScalarNode)?.Value;
    }

    /// <summary>The dotted paths of every leaf of a mapping (scalars and sequences are leaves; empty mappings too).</summary>
    public static IEnumerable<string> LeafPaths(YamlMappingNode map, string prefix = "")
    {
        foreach (var (key, value) in map.Children)
        {
            var path = prefix + ((YamlScalarNode)key).Value;
            if (value is YamlMappingNode { Children.Count: > 0 } child)
            {
                foreach (var leaf in LeafPaths(child, path + ".")) yield return leaf;
            }
            else
            {
                yield return path;
            }
        }
    }

    /// <summary>
    /// RBAC rules in a canonical, order-free form: each rule's lists sorted and joined, so two rule sets
    /// compare equal when they grant the same verbs on the same resources however they are written.
    /// </summary>
    public static IReadOnlyList<string> CanonicalRules(YamlNode rules) =>
        [.. ((YamlSequenceNode)rules).Children.Select(CanonicalRule).Order(StringComparer.Ordinal)];

    private static string CanonicalRule(YamlNode rule)
    {
        var map = (YamlMappingNode)rule;
        var parts = map.Children
            .Select(kv => $"{((YamlScalarNode)kv.Key).Value}=[{string.Join(",", ((YamlSequenceNode)kv.Value).Children.Select(c => ((YamlScalarNode)c).Value).Order(StringComparer.Ordinal))}]")
            .Order(StringComparer.Ordinal);
        return string.Join(" ", parts);
    }
}
