using LeBureau.CrdGen;

namespace LeBureau.Resources.Tests;

public class CrdBuilderTests
{
    public static TheoryData<Type> Resources() => [.. CrdGenerator.ResourceTypes];

    [Theory]
    [InlineData(typeof(Desktop), "Tier", "Phase", "Running", "Agent Ready", "IP", "Age")]
    [InlineData(typeof(ApiKey), "Prefix", "Capabilities", "Phase", "Expires", "Age")]
    [InlineData(typeof(DesktopTask), "Desktop", "Type", "Phase", "Exit", "Age")]
    public void Kubectl_get_shows_the_asked_columns_in_order(Type resource, params string[] columns)
    {
        var printed = Schemas.Crd(resource).Spec.Versions.Single().AdditionalPrinterColumns;

        printed.Where(c => c.Priority is null).Select(c => c.Name).Should().Equal(columns);
    }

    [Fact]
    public void Printer_columns_keep_their_json_path_type_and_priority()
    {
        var columns = Schemas.Crd(typeof(Desktop)).Spec.Versions.Single().AdditionalPrinterColumns;

        columns.Should().ContainEquivalentOf(new { Name = "Display Name", JsonPath = ".spec.displayName", Type = "string", Priority = 1 });
        columns.Should().ContainEquivalentOf(new { Name = "Agent Ready", JsonPath = ".status.agentReady", Type = "boolean" });
        columns.Should().ContainEquivalentOf(new { Name = "Age", JsonPath = ".metadata.creationTimestamp", Type = "date" });
    }

    [Theory]
    [InlineData(typeof(Desktop), "desktops", "Desktop", "desktop", new[] { "dt", "desk" })]
    [InlineData(typeof(ApiKey), "apikeys", "ApiKey", "apikey", new[] { "ak" })]
    [InlineData(typeof(DesktopTask), "desktoptasks", "DesktopTask", "desktoptask", new[] { "dtask" })]
    public void Names_come_from_the_entity_and_short_names_attributes(Type resource, string plural, string kind, string singular, string[] shortNames)
    {
        var crd = Schemas.Crd(resource);

        crd.Metadata.Name.Should().Be($"{plural}.lebureau.io");
        crd.Spec.Group.Should().Be("lebureau.io");
        crd.Spec.Scope.Should().Be("Namespaced");
        crd.Spec.Names.Should().BeEquivalentTo(new
        {
            Kind = kind,
            ListKind = $"{kind}List",
            Plural = plural,
            Singular = singular,
            ShortNames = shortNames,
            Categories = new[] { "lebureau" },
        });
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public void Each_kind_serves_and_stores_v1alpha1_with_a_status_subresource(Type resource)
    {
        var crd = Schemas.Crd(resource);

        crd.ApiVersion.Should().Be("apiextensions.k8s.io/v1");
        crd.Kind.Should().Be("CustomResourceDefinition");
        var version = crd.Spec.Versions.Should().ContainSingle().Subject;
        version.Name.Should().Be("v1alpha1");
        version.Served.Should().BeTrue();
        version.Storage.Should().BeTrue();
        version.Subresources.Status.Should().NotBeNull();
        version.Subresources.Scale.Should().BeNull();
    }
}
