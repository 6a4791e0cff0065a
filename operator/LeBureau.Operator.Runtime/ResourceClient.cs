using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace LeBureau.Operator.Runtime;

/// <summary>
/// CRUD, list, watch, /status and finalizer patches for one kind (a CRD or a built-in such as V1Secret),
/// through <see cref="KubeApi"/>. Every write that must not lose a concurrent change carries a resourceVersion.
/// </summary>
public sealed class ResourceClient<T> where T : class, IKubernetesObject<V1ObjectMeta>
{
    private const string JsonPatch = "application/json-patch+json";
    private const string MergePatch = "application/merge-patch+json";

    public ResourceClient(KubeApi api, ResourceType? type = null)
    {
        Api = api ?? throw new ArgumentNullException(nameof(api));
        Type = type ?? ResourceType.Of<T>();
    }

    /// <summary>The REST access.</summary>
    public KubeApi Api { get; }

    /// <summary>The kind's place in the API.</summary>
    public ResourceType Type { get; }

    /// <summary>Reads one object; null when it does not exist.</summary>
    public async Task<T?> GetAsync(string? @namespace, string name, CancellationToken cancellationToken = default)
    {
        try
        {
            return await Api.SendAsync<T>(HttpMethod.Get, Type.ItemPath(@namespace, name), cancellationToken: cancellationToken);
        }
        catch (KubeApiException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    /// <summary>Lists the objects of a namespace (all namespaces when null), with the list's resourceVersion.</summary>
    public Task<ObjectList<T>> ListAsync(string? @namespace, string? labelSelector = null, CancellationToken cancellationToken = default)
    {
        var query = labelSelector is null ? "" : $"?labelSelector={Uri.EscapeDataString(labelSelector)}";
        return Api.SendAsync<ObjectList<T>>(HttpMethod.Get, Type.CollectionPath(@namespace) + query, cancellationToken: cancellationToken);
    }

    /// <summary>Watches from <paramref name="resourceVersion"/> with bookmarks until the server ends the stream (after <paramref name="timeout"/>).</summary>
    public async IAsyncEnumerable<WatchEvent<T>> WatchAsync(string? @namespace, string resourceVersion, TimeSpan timeout,
        string? labelSelector = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var query = $"?watch=true&allowWatchBookmarks=true&resourceVersion={Uri.EscapeDataString(resourceVersion)}" +
                    $"&timeoutSeconds={(int)Math.Max(1, timeout.TotalSeconds)}" +
                    (labelSelector is null ? "" : $"&labelSelector={Uri.EscapeDataString(labelSelector)}");
        await foreach (var line in Api.StreamLinesAsync(Type.CollectionPath(@namespace) + query, cancellationToken))
        {
            yield return ParseEvent(line);
        }
    }

    internal static WatchEvent<T> ParseEvent(string line)
    {
        var node = JsonNode.Parse(line) ?? throw new JsonException("empty watch event");
        var type = Enum.Parse<WatchEventType>(node["type"]?.GetValue<string>() ?? "ERROR", ignoreCase: true);
        var obj = node["object"]?.ToJsonString() ?? "{}";
        return type == WatchEventType.Error
            ? new WatchEvent<T>(type, null, KubernetesJson.Deserialize<V1Status>(obj))
            : new WatchEvent<T>(type, KubernetesJson.Deserialize<T>(obj));
    }

    /// <summary>Creates the object in its metadata's namespace.</summary>
    public Task<T> CreateAsync(T entity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return Api.SendAsync<T>(HttpMethod.Post, Type.CollectionPath(entity.Metadata.NamespaceProperty),
            KubernetesJson.Serialize(entity), cancellationToken: cancellationToken);
    }

    /// <summary>Replaces the object; 409 when its resourceVersion is stale.</summary>
    public Task<T> ReplaceAsync(T entity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return Api.SendAsync<T>(HttpMethod.Put, Type.ItemPath(entity.Metadata.NamespaceProperty, entity.Metadata.Name),
            KubernetesJson.Serialize(entity), cancellationToken: cancellationToken);
    }

    /// <summary>Replaces the /status subresource; 409 when the resourceVersion is stale.</summary>
    public Task<T> ReplaceStatusAsync(T entity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return Api.SendAsync<T>(HttpMethod.Put, Type.ItemPath(entity.Metadata.NamespaceProperty, entity.Metadata.Name) + "/status",
            KubernetesJson.Serialize(entity), cancellationToken: cancellationToken);
    }

    /// <summary>Applies a JSON merge patch (RFC 7386).</summary>
    public Task<T> MergePatchAsync(string? @namespace, string name, object patch, CancellationToken cancellationToken = default) =>
        Api.SendAsync<T>(HttpMethod.Patch, Type.ItemPath(@namespace, name), KubernetesJson.Serialize(patch), MergePatch, cancellationToken);

    /// <summary>Applies a JSON patch (RFC 6902); include a "test" of /metadata/resourceVersion for optimistic concurrency.</summary>
    public Task<T> JsonPatchAsync(string? @namespace, string name, JsonArray operations, CancellationToken cancellationToken = default) =>
        Api.SendAsync<T>(HttpMethod.Patch, Type.ItemPath(@namespace, name), operations.ToJsonString(), JsonPatch, cancellationToken);

    /// <summary>Deletes the object (background propagation); false when it was already gone.</summary>
    public async Task<bool> DeleteAsync(string? @namespace, string name, CancellationToken cancellationToken = default)
    {
        try
        {
            await Api.SendAsync(HttpMethod.Delete, Type.ItemPath(@namespace, name),
                """{"kind":"DeleteOptions","apiVersion":"v1","propagationPolicy":"Background"}""", cancellationToken: cancellationToken);
            return true;
        }
        catch (KubeApiException e) when (e.IsNotFound)
        {
            return false;
        }
    }

    /// <summary>Adds <paramref name="finalizer"/> unless present, guarded by the entity's resourceVersion (409 when it moved on).</summary>
    public Task<T> AddFinalizerAsync(T entity, string finalizer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var current = entity.Metadata.Finalizers ?? [];
        return current.Contains(finalizer)
            ? Task.FromResult(entity)
            : PatchFinalizersAsync(entity, [.. current, finalizer], cancellationToken);
    }

    /// <summary>Removes <paramref name="finalizer"/> if present, guarded by the entity's resourceVersion (409 when it moved on); null when the object is gone.</summary>
    public async Task<T?> RemoveFinalizerAsync(T entity, string finalizer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var current = entity.Metadata.Finalizers ?? [];
        if (!current.Contains(finalizer)) return entity;
        try
        {
            return await PatchFinalizersAsync(entity, [.. current.Where(f => f != finalizer)], cancellationToken);
        }
        catch (KubeApiException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    // A merge patch that carries metadata.resourceVersion is refused with 409 when the object changed since:
    // the whole finalizer list can then be written safely.
    private Task<T> PatchFinalizersAsync(T entity, string[] finalizers, CancellationToken cancellationToken) =>
        MergePatchAsync(entity.Metadata.NamespaceProperty, entity.Metadata.Name,
            new { metadata = new { resourceVersion = entity.Metadata.ResourceVersion, finalizers } }, cancellationToken);
}
