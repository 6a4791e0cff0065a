using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using System.Xml.Linq;
using LeBureau.CrdGen;
using LeBureau.Resources.Schema;

namespace LeBureau.Resources.Tests;

public class SchemaEdgeCaseTests
{
    /// <summary>Docs that describe every public type and property of <paramref name="types"/> with its own name.</summary>
    private static XmlDocs DocsFor(params Type[] types) => XmlDocs.Parse(new XDocument(new XElement("doc", new XElement("members",
        types.Select(t => Member($"T:{t.FullName!.Replace('+', '.')}"))
            .Concat(types.SelectMany(t => t.GetProperties()).Select(p => Member($"P:{p.DeclaringType!.FullName!.Replace('+', '.')}.{p.Name}")))))));

    private static XElement Member(string id) => new("member", new XAttribute("name", id), new XElement("summary", id));

    private static Dictionary<string, k8s.Models.V1JSONSchemaProps> PropertiesOf(Type type) =>
        new(new SchemaBuilder(DocsFor(type)).ForResource(type).Properties);

    public sealed class Lists
    {
        [MaxLength(3), JsonPropertyName("names")]
        public string[] Names { get; set; } = [];

        [JsonIgnore]
        public string Hidden { get; set; } = "";

        [Duration]
        public string? Wait { get; set; }
    }

    public sealed class BadDefault
    {
        [Default("huge")]
        public Tier Tier { get; set; }
    }

    public sealed class Unsupported
    {
        public Dictionary<string, string> Labels { get; set; } = [];
    }

    [Fact]
    public void An_array_is_a_list_whose_max_length_bounds_its_items()
    {
        var names = PropertiesOf(typeof(Lists))["names"];

        names.Type.Should().Be("array");
        names.MaxItems.Should().Be(3);
        names.MaxLength.Should().BeNull();
        names.At("[]").Type.Should().Be("string");
    }

    [Fact]
    public void Json_ignored_properties_are_left_out_and_unnamed_ones_are_camel_cased()
    {
        PropertiesOf(typeof(Lists)).Keys.Should().BeEquivalentTo("names", "wait");
    }

    [Fact]
    public void A_duration_without_its_own_pattern_gets_the_duration_pattern()
    {
        PropertiesOf(typeof(Lists))["wait"].Pattern.Should().Be(DurationAttribute.Pattern);
    }

    [Fact]
    public void A_default_outside_the_enum_is_rejected()
    {
        var build = () => PropertiesOf(typeof(BadDefault));

        build.Should().Throw<InvalidOperationException>().WithMessage("*BadDefault.Tier: default huge is not one of free, pro, max.");
    }

    [Fact]
    public void A_type_without_a_mapping_is_rejected_rather_than_guessed()
    {
        var build = () => PropertiesOf(typeof(Unsupported));

        build.Should().Throw<NotSupportedException>().WithMessage("*Dictionary*");
    }
}
