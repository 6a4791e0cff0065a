using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using k8s.Models;
using LeBureau.Resources;
using LeBureau.Resources.Schema;

namespace LeBureau.CrdGen;

/// <summary>Decides the structural OpenAPI v3 schema of a resource type from its properties, attributes and XML docs.</summary>
public sealed class SchemaBuilder(XmlDocs docs)
{
    /// <summary>The schema of the whole object of <paramref name="resource"/>, described by the class summary.</summary>
    public V1JSONSchemaProps ForResource(Type resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var schema = ForObject(resource);
        schema.Description = docs.Summary(resource);
        return schema;
    }

    private V1JSONSchemaProps ForObject(Type type)
    {
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetMethod is not null && p.GetCustomAttribute<JsonIgnoreAttribute>() is null)
            .Select(p => (Name: JsonName(p), Property: p))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToList();
        var required = properties.Where(p => p.Property.GetCustomAttribute<RequiredAttribute>() is not null).Select(p => p.Name).ToList();
        return new V1JSONSchemaProps
        {
            Type = "object",
            Properties = properties.ToDictionary(p => p.Name, p => ForProperty(p.Property), StringComparer.Ordinal),
            Required = required.Count > 0 ? required : null,
        };
    }

    private V1JSONSchemaProps ForProperty(PropertyInfo property)
    {
        // The API server owns ObjectMeta's schema; a CRD may only say it is an object.
        if (property.PropertyType == typeof(V1ObjectMeta))
        {
            return new V1JSONSchemaProps { Type = "object" };
        }
        var schema = ForType(property.PropertyType);
        schema.Description = docs.Summary(property);
        ApplyBounds(schema, property);
        ApplyDefault(schema, property);
        return schema;
    }

    private V1JSONSchemaProps ForType(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum)
        {
            return new V1JSONSchemaProps { Type = "string", EnumProperty = EnumValues(type) };
        }
        if (ElementType(type) is { } element)
        {
            return ForList(element);
        }
        return Type.GetTypeCode(type) switch
        {
            TypeCode.String => new V1JSONSchemaProps { Type = "string" },
            TypeCode.Boolean => new V1JSONSchemaProps { Type = "boolean" },
            TypeCode.Int32 => new V1JSONSchemaProps { Type = "integer", Format = "int32" },
            TypeCode.Int64 => new V1JSONSchemaProps { Type = "integer", Format = "int64" },
            TypeCode.Double => new V1JSONSchemaProps { Type = "number", Format = "double" },
            _ when type == typeof(DateTimeOffset) => new V1JSONSchemaProps { Type = "string", Format = "date-time" },
            TypeCode.Object when type.IsClass && !typeof(IEnumerable).IsAssignableFrom(type) => ForObject(type),
            _ => throw new NotSupportedException($"{type} has no CRD schema mapping."),
        };
    }

    private V1JSONSchemaProps ForList(Type element)
    {
        var items = ForType(element);
        if (element.IsClass && element != typeof(string))
        {
            items.Description = docs.Summary(element);
        }
        var schema = new V1JSONSchemaProps { Type = "array", Items = items };
        // Conditions are keyed by type, as metav1.Condition lists are, so server-side apply merges them per type.
        if (element == typeof(Condition))
        {
            schema.XKubernetesListType = "map";
            schema.XKubernetesListMapKeys = ["type"];
        }
        return schema;
    }

    private static void ApplyBounds(V1JSONSchemaProps schema, PropertyInfo property)
    {
        var isArray = schema.Type == "array";
        if (property.GetCustomAttribute<MinLengthAttribute>() is { } min)
        {
            if (isArray) schema.MinItems = min.Length; else schema.MinLength = min.Length;
        }
        if (property.GetCustomAttribute<MaxLengthAttribute>() is { } max)
        {
            if (isArray) schema.MaxItems = max.Length; else schema.MaxLength = max.Length;
        }
        if (property.GetCustomAttribute<RangeAttribute>() is { } range)
        {
            schema.Minimum = Convert.ToDouble(range.Minimum, CultureInfo.InvariantCulture);
            var maximum = Convert.ToDouble(range.Maximum, CultureInfo.InvariantCulture);
            // Range(0, long.MaxValue) only says "not negative"; an upper bound of 9.2e18 would be noise.
            schema.Maximum = maximum >= long.MaxValue ? null : maximum;
        }
        schema.Pattern = property.GetCustomAttribute<RegularExpressionAttribute>()?.Pattern
            ?? (property.GetCustomAttribute<DurationAttribute>() is not null ? DurationAttribute.Pattern : null);
    }

    private static void ApplyDefault(V1JSONSchemaProps schema, PropertyInfo property)
    {
        if (property.GetCustomAttribute<DefaultAttribute>() is not { } value)
        {
            return;
        }
        if (schema.EnumProperty is { } values && !values.Contains(value.Value))
        {
            throw new InvalidOperationException($"{property.DeclaringType}.{property.Name}: default {value.Value} is not one of {string.Join(", ", values)}.");
        }
        schema.DefaultProperty = value.Value;
    }

    private static List<object> EnumValues(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .OrderBy(f => f.MetadataToken)
            .Select(f => (object)(f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name))
            .ToList();

    private static Type? ElementType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }
        return type.IsGenericType && type.GetGenericArguments().Length == 1 && typeof(IEnumerable).IsAssignableFrom(type)
            ? type.GetGenericArguments()[0]
            : null;
    }

    private static string JsonName(PropertyInfo property) =>
        property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name);
}
