namespace LeBureau.Operator.Runtime;

/// <summary>The queue key of an object: "namespace/name", or "name" when cluster-scoped.</summary>
public static class ObjectKey
{
    /// <summary>Builds a key.</summary>
    public static string Of(string? @namespace, string name) => string.IsNullOrEmpty(@namespace) ? name : $"{@namespace}/{name}";

    /// <summary>Splits a key into namespace (null when cluster-scoped) and name.</summary>
    public static (string? Namespace, string Name) Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (null, key) : (key[..slash], key[(slash + 1)..]);
    }
}
