using k8s.Models;
using LeBureau.CrdGen;

namespace LeBureau.Resources.Tests;

/// <summary>Small helpers to reach into generated CRDs and schemas.</summary>
public static class Schemas
{
    /// <summary>The CRD generated for <paramref name="resource"/>.</summary>
    public static V1CustomResourceDefinition Crd(Type resource) => CrdBuilder.Build(resource, ResourceDocs.Value);

    /// <summary>The openAPIV3Schema of the CRD of <paramref name="resource"/>.</summary>
    public static V1JSONSchemaProps Of(Type resource) => Crd(resource).Spec.Versions.Single().Schema.OpenAPIV3Schema;

    /// <summary>The schema at a dotted property path such as <c>spec.resolution.width</c>; <c>[]</c> steps into list items.</summary>
    public static V1JSONSchemaProps At(this V1JSONSchemaProps root, string path) =>
        path.Split('.').Aggregate(root, (schema, step) => step == "[]" ? (V1JSONSchemaProps)schema.Items : schema.Properties[step]);

    /// <summary>Every property schema under <paramref name="root"/> with its dotted path, list items included.</summary>
    public static IEnumerable<(string Path, V1JSONSchemaProps Schema)> Properties(V1JSONSchemaProps root, string prefix = "")
    {
        foreach (var (name, schema) in root.Properties ?? new Dictionary<string, V1JSONSchemaProps>())
        {
            var path = prefix + name;
            yield return (path, schema);
            foreach (var nested in Properties(schema, path + "."))
            {
                yield return nested;
            }
            if (schema.Items is V1JSONSchemaProps items)
            {
                foreach (var nested in Properties(items, path + ".[]."))
                {
                    yield return nested;
                }
            }
        }
    }
}
