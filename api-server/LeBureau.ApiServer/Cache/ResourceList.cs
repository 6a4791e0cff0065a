using System.Text.Json.Serialization;
using k8s.Models;

namespace LeBureau.ApiServer.Cache;

/// <summary>The body of a LIST of custom resources.</summary>
internal sealed class ResourceList<T>
{
    [JsonPropertyName("metadata")]
    public V1ListMeta Metadata { get; set; } = new();

    [JsonPropertyName("items")]
    public IList<T> Items { get; set; } = [];
}
