using YamlDotNet.RepresentationModel;

namespace LeBureau.Operator.Tiers;

/// <summary>Reads config/tiers.yaml into configuration keys under Operator:Tiers, so the table binds like any option.</summary>
public static class TierFile
{
    /// <summary>The flattened keys of the YAML file at <paramref name="path"/> (e.g. Operator:Tiers:Tiers:pro:Cpu = 4).</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Read(string path)
    {
        var yaml = new YamlStream();
        using (var reader = File.OpenText(path)) yaml.Load(reader);
        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root) yield break;
        foreach (var (tierNode, sizeNode) in root.Children)
        {
            if (sizeNode is not YamlMappingNode size) continue;
            foreach (var (keyNode, valueNode) in size.Children)
            {
                yield return new($"Operator:Tiers:Tiers:{tierNode}:{keyNode}", (valueNode as YamlScalarNode)?.Value);
            }
        }
    }
}
