using LeBureau.Deploy.Tests.Infrastructure;
using LeBureau.Testing;
using YamlDotNet.RepresentationModel;

namespace LeBureau.Deploy.Tests;

/// <summary>The chart and the kustomize base install exactly the generated CRDs.</summary>
public sealed class CrdCopiesTests
{
    public static TheoryData<string> CopyFolders => new() { "charts/lebureau/crds", "config/crd/bases" };

    [Theory]
    [MemberData(nameof(CopyFolders))]
    public void Crd_copies_are_byte_identical_to_the_generated_crds(string folder)
    {
        var generated = Directory.GetFiles(RepoPaths.Crds, "*.yaml").Select(Path.GetFileName).Order().ToList();
        var copies = Directory.GetFiles(RepoPaths.Of(folder.Split('/')), "*.yaml").Select(Path.GetFileName).Order().ToList();

        generated.Should().NotBeEmpty();
        copies.Should().Equal(generated, $"{folder} holds one copy per file of crds/ (refresh: cp crds/*.yaml {folder}/)");
        foreach (var name in generated)
        {
            File.ReadAllBytes(RepoPaths.Of([.. folder.Split('/'), name!])).Should().Equal(File.ReadAllBytes(Path.Combine(RepoPaths.Crds, name!)),
                $"{folder}/{name} must be byte-identical to crds/{name} (refresh: cp crds/*.yaml {folder}/)");
        }
    }

    [Fact]
    public void The_crd_kustomization_lists_every_crd()
    {
        var resources = (YamlSequenceNode)Yaml.LoadMapping(RepoPaths.Of("config", "crd", "kustomization.yaml")).Child("resources")!;
        var listed = resources.Children.Select(n => n.ToString()).Order().ToList();

        listed.Should().Equal(Directory.GetFiles(RepoPaths.Crds, "*.yaml").Select(f => "bases/" + Path.GetFileName(f)).Order());
    }
}
