using k8s;
using k8s.Models;
using LeBureau.CrdGen;

namespace LeBureau.Resources.Tests;

public sealed class CommittedCrdsTests : IDisposable
{
    private readonly string temp = Directory.CreateTempSubdirectory("lebureau-crds-").FullName;

    private static string Committed => Path.Combine(RepositoryRoot.Find(), "crds");

    public void Dispose() => Directory.Delete(temp, recursive: true);

    [Fact]
    public void Committed_crds_match_the_resource_types()
    {
        CrdFolder.Write(temp, CrdGenerator.Generate(ResourceDocs.Value));

        var drift = CrdDrift.Describe(CrdFolder.Read(temp), CrdFolder.Read(Committed));

        drift.Should().BeEmpty(
            "crds/ must be regenerated after a change to operator/LeBureau.Resources; run `{0}` from the repository root and commit the result",
            CrdGenerator.RegenerateCommand);
    }

    [Fact]
    public void Regeneration_is_byte_identical()
    {
        CrdGenerator.Generate(ResourceDocs.Value).Should().Equal(CrdGenerator.Generate(ResourceDocs.Value));
    }

    [Fact]
    public void Committed_crds_read_back_as_CustomResourceDefinitions()
    {
        var files = CrdFolder.Read(Committed);

        files.Keys.Should().BeEquivalentTo("desktops.lebureau.io.yaml", "apikeys.lebureau.io.yaml", "desktoptasks.lebureau.io.yaml");
        files.Should().AllSatisfy(f =>
        {
            f.Value.Should().EndWith("\n").And.NotContain("\r");
            KubernetesYaml.Deserialize<V1CustomResourceDefinition>(f.Value).Metadata.Name.Should().Be(Path.GetFileNameWithoutExtension(f.Key));
        });
    }

    [Fact]
    public void Defaults_keep_their_json_types_through_the_client_models()
    {
        // The control plane installs crds/ by reading them into V1CustomResourceDefinition and sending JSON;
        // a default of "true" instead of true would make the API server reject the CRD.
        var yaml = CrdFolder.Read(Committed)["desktops.lebureau.io.yaml"];

        var json = KubernetesJson.Serialize(KubernetesYaml.Deserialize<V1CustomResourceDefinition>(yaml));

        json.Should().Contain("\"default\":true").And.Contain("\"default\":1280").And.Contain("\"default\":\"30m\"");
    }
}
