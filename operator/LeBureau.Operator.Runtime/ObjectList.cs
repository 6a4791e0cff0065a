using System.Text.Json.Serialization;
using k8s.Models;

namespace LeBureau.Operator.Runtime;

/// <summary>A list answer of any kind: its items and the resourceVersion to watch from.</summary>
public sealed class ObjectList<T>
{
    /// <summary>The list metadata (resourceVersion, continue).</summary>
    [JsonPropertyName("metadata")]
    public V1ListMeta Metadata { get; set; } = new();

    /// <summary>The objects.</summary>
    [JsonPropertyName("items")]
    public IList<T>? Items { get; set; }
}
