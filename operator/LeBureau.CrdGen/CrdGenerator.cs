using k8s;
using LeBureau.Resources;

namespace LeBureau.CrdGen;

/// <summary>Renders the CRD YAML files of every Le Bureau kind.</summary>
public static class CrdGenerator
{
    /// <summary>The command, run from the repository root, that rewrites <c>crds/</c>.</summary>
    public const string RegenerateCommand = "dotnet run --project operator/LeBureau.CrdGen -- crds";

    /// <summary>The resource types that get a CRD.</summary>
    public static IReadOnlyList<Type> ResourceTypes { get; } = [typeof(Desktop), typeof(ApiKey), typeof(DesktopTask)];

    private const string Header = $"# Generated from operator/LeBureau.Resources by operator/LeBureau.CrdGen; do not edit.\n# Regenerate with: {RegenerateCommand}\n";

    /// <summary>The CRD files by file name (<c>desktops.lebureau.io.yaml</c>), each ending in a newline, with LF line ends.</summary>
    public static IReadOnlyDictionary<string, string> Generate(XmlDocs docs)
    {
        ArgumentNullException.ThrowIfNull(docs);
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var type in ResourceTypes)
        {
            var crd = CrdBuilder.Build(type, docs);
            var yaml = KubernetesYaml.Serialize(crd).ReplaceLineEndings("\n").TrimEnd('\n');
            files.Add($"{crd.Metadata.Name}.yaml", $"{Header}{yaml}\n");
        }
        return files;
    }
}
