using System.Reflection;
using k8s.Models;

namespace LeBureau.Operator.Runtime;

/// <summary>Where a kind lives in the API: group, version, plural, and whether it is namespaced.</summary>
public sealed record ResourceType(string Group, string Version, string Kind, string Plural, bool Namespaced = true)
{
    /// <summary>group/version, or just the version for the core group.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The path of the collection: all namespaces when <paramref name="namespace"/> is null.</summary>
    public string CollectionPath(string? @namespace) =>
        Namespaced && @namespace is not null ? $"{Root}/namespaces/{@namespace}/{Plural}" : $"{Root}/{Plural}";

    /// <summary>The path of one object.</summary>
    public string ItemPath(string? @namespace, string name) => $"{CollectionPath(@namespace)}/{name}";

    private string Root => Group.Length == 0 ? $"/api/{Version}" : $"/apis/{Group}/{Version}";

    /// <summary>The type of <typeparamref name="T"/> from its <see cref="KubernetesEntityAttribute"/> (every KubernetesClient model and our CRD types carry one).</summary>
    public static ResourceType Of<T>(bool namespaced = true)
    {
        var attribute = typeof(T).GetCustomAttribute<KubernetesEntityAttribute>()
            ?? throw new InvalidOperationException($"{typeof(T).Name} has no [KubernetesEntity]: pass a ResourceType explicitly");
        return new ResourceType(attribute.Group ?? "", attribute.ApiVersion, attribute.Kind, attribute.PluralName, namespaced);
    }
}
