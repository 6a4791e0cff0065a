using k8s.Models;
using LeBureau.CrdGen;

namespace LeBureau.Resources.Tests;

public class SchemaBuilderTests
{
    public static TheoryData<Type> Resources() => [.. CrdGenerator.ResourceTypes];

    [Fact]
    public void An_enum_field_is_a_string_with_the_json_names_as_its_enum()
    {
        var tier = Schemas.Of(typeof(Desktop)).At("spec.tier");

        tier.Type.Should().Be("string");
        tier.EnumProperty.Should().Equal("free", "pro", "max");
    }

    [Fact]
    public void An_enum_without_json_names_lists_its_member_names()
    {
        Schemas.Of(typeof(Desktop)).At("status.phase").EnumProperty
            .Should().Equal("Pending", "Booting", "Running", "Stopping", "Stopped", "Destroying", "Error");
    }

    [Fact]
    public void A_list_of_enums_has_the_enum_on_its_items()
    {
        var capabilities = Schemas.Of(typeof(ApiKey)).At("spec.capabilities");

        capabilities.Type.Should().Be("array");
        capabilities.MinItems.Should().Be(1);
        capabilities.At("[]").EnumProperty.Should().Contain("desktop:read").And.HaveCount(Enum.GetValues<Capability>().Length);
    }

    [Fact]
    public void Required_fields_are_in_the_parents_required_list_and_others_are_not()
    {
        var schema = Schemas.Of(typeof(Desktop));

        schema.Required.Should().Equal("spec");
        schema.At("spec").Required.Should().Equal("displayName");
        schema.At("spec.provider").Required.Should().Equal("name", "secretRef");
        schema.At("spec.resolution").Required.Should().BeNull("a schema with no required field has no required list");
        schema.At("status").Required.Should().BeNull("nullable value types such as phase are optional");
    }

    [Fact]
    public void Range_becomes_minimum_and_maximum()
    {
        var width = Schemas.Of(typeof(Desktop)).At("spec.resolution.width");

        width.Type.Should().Be("integer");
        width.Format.Should().Be("int32");
        width.Minimum.Should().Be(640);
        width.Maximum.Should().Be(3840);
    }

    [Fact]
    public void A_range_up_to_long_MaxValue_has_only_a_minimum()
    {
        var generation = Schemas.Of(typeof(Desktop)).At("status.observedGeneration");

        generation.Format.Should().Be("int64");
        generation.Minimum.Should().Be(0);
        generation.Maximum.Should().BeNull();
    }

    [Fact]
    public void String_bounds_patterns_and_defaults_come_from_the_attributes()
    {
        var spec = Schemas.Of(typeof(Desktop)).At("spec");

        spec.At("displayName").MinLength.Should().Be(1);
        spec.At("displayName").MaxLength.Should().Be(128);
        spec.At("idleTimeout").Pattern.Should().Be(Schema.DurationAttribute.Pattern);
        spec.At("idleTimeout").DefaultProperty.Should().Be("30m");
        spec.At("tier").DefaultProperty.Should().Be("free");
        spec.At("running").DefaultProperty.Should().Be(true);
        spec.At("resolution.width").DefaultProperty.Should().Be(1280);
        spec.At("provider.secretRef.name").Pattern.Should().Be("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$");
    }

    [Fact]
    public void Timestamps_are_date_time_strings()
    {
        var expiresAt = Schemas.Of(typeof(Desktop)).At("spec.expiresAt");

        expiresAt.Type.Should().Be("string");
        expiresAt.Format.Should().Be("date-time");
    }

    [Fact]
    public void Metadata_is_only_an_object()
    {
        Schemas.Of(typeof(Desktop)).At("metadata").Should().BeEquivalentTo(new V1JSONSchemaProps { Type = "object" });
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public void Conditions_are_a_map_list_keyed_by_type_with_the_full_condition_schema(Type resource)
    {
        var conditions = Schemas.Of(resource).At("status.conditions");

        conditions.XKubernetesListType.Should().Be("map");
        conditions.XKubernetesListMapKeys.Should().Equal("type");
        conditions.At("[]").Properties.Keys.Should().BeEquivalentTo("type", "status", "reason", "message", "lastTransitionTime", "observedGeneration");
        conditions.At("[]").Required.Should().Contain("type", "a list-map key must be required");
        conditions.At("[].status").EnumProperty.Should().Equal("True", "False", "Unknown");
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public void Every_property_of_every_schema_has_a_description(Type resource)
    {
        var schema = Schemas.Of(resource);

        schema.Description.Should().NotBeNullOrWhiteSpace();
        // metadata is the API server's; its schema is just "type: object".
        Schemas.Properties(schema).Where(p => p.Path != "metadata")
            .Should().AllSatisfy(p => p.Schema.Description.Should().NotBeNullOrWhiteSpace(p.Path));
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public void Every_schema_is_structural_and_known_to_kubernetes_1_20(Type resource)
    {
        Schemas.Properties(Schemas.Of(resource)).Should().AllSatisfy(p =>
        {
            p.Schema.Type.Should().BeOneOf(["object", "array", "string", "integer", "number", "boolean"], p.Path);
            p.Schema.XKubernetesValidations.Should().BeNull("kube-apiserver 1.20 has no CEL rules ({0})", p.Path);
        });
    }

    [Fact]
    public void Descriptions_are_the_property_summaries_on_one_line()
    {
        Schemas.Of(typeof(Desktop)).At("spec.displayName").Description
            .Should().Be("DisplayName is the human name shown in lists and the API's name field. Required, 1–128 characters.");
    }
}
