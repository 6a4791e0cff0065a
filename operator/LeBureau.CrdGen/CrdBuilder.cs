using System.Reflection;
using k8s.Models;
using LeBureau.Resources.Schema;

namespace LeBureau.CrdGen;

/// <summary>Decides the CustomResourceDefinition of a resource type: names, the one version, its schema, status subresource and printer columns.</summary>
public static class CrdBuilder
{
    /// <summary>The category every Le Bureau kind belongs to (<c>kubectl get lebureau</c>).</summary>
    public const string Category = "lebureau";

    /// <summary>The CRD of <paramref name="resource"/>, a class marked with <see cref="KubernetesEntityAttribute"/>.</summary>
    public static V1CustomResourceDefinition Build(Type resource, XmlDocs docs)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(docs);
        var entity = resource.GetCustomAttribute<KubernetesEntityAttribute>()
            ?? throw new ArgumentException($"{resource} has no [KubernetesEntity].", nameof(resource));
        return new V1CustomResourceDefinition
        {
            ApiVersion = $"{V1CustomResourceDefinition.KubeGroup}/{V1CustomResourceDefinition.KubeApiVersion}",
            Kind = V1CustomResourceDefinition.KubeKind,
            Metadata = new V1ObjectMeta { Name = $"{entity.PluralName}.{entity.Group}" },
            Spec = new V1CustomResourceDefinitionSpec
            {
                Group = entity.Group,
                Scope = "Namespaced",
                Names = Names(resource, entity),
                Versions =
                [
                    new V1CustomResourceDefinitionVersion
                    {
                        Name = entity.ApiVersion,
                        Served = true,
                        Storage = true,
                        Schema = new V1CustomResourceValidation { OpenAPIV3Schema = new SchemaBuilder(docs).ForResource(resource) },
                        Subresources = new V1CustomResourceSubresources { Status = new object() },
                        AdditionalPrinterColumns = PrinterColumns(resource),
                    },
                ],
            },
        };
    }

    private static V1CustomResourceDefinitionNames Names(Type resource, KubernetesEntityAttribute entity) => new()
    {
        Kind = entity.Kind,
        ListKind = $"{entity.Kind}List",
        Plural = entity.PluralName,
        Singular = entity.Kind.ToLowerInvariant(),
        ShortNames = resource.GetCustomAttribute<ShortNamesAttribute>()?.Names.ToList(),
        Categories = [Category],
    };

    private static List<V1CustomResourceColumnDefinition>? PrinterColumns(Type resource)
    {
        var columns = resource.GetCustomAttributes<PrinterColumnAttribute>()
            .Select(c => new V1CustomResourceColumnDefinition
            {
                Name = c.Name,
                JsonPath = c.JsonPath,
                Type = c.Type,
                Priority = c.Priority == 0 ? null : c.Priority,
            })
            .ToList();
        return columns.Count > 0 ? columns : null;
    }
}
