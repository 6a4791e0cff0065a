using System.Runtime.CompilerServices;
using System.Text.Json;
using k8s;
using k8s.Models;
using LeBureau.ApiServer.Hosting;
using LeBureau.Resources;
using Microsoft.Extensions.Options;

namespace LeBureau.ApiServer.Cache;

/// <summary>The api-server's watch caches: API keys by hash, desktops by uid, agent-token Secrets. All reads come from here.</summary>
internal sealed class ResourceCaches
{
    public const string ByHash = "hash";
    public const string ByUid = "uid";

    public ResourceCaches(IKubernetes client, IOptions<ApiServerOptions> options, ILoggerFactory loggers)
    {
        var selector = options.Value.AgentTokenSecretSelector;
        ApiKeys = new WatchCache<ApiKey>(CustomSource<ApiKey>(client, ApiKey.Plural), loggers.CreateLogger("LeBureau.ApiServer.Cache.ApiKeys"))
            .AddIndex(ByHash, k => k.Status?.Hash);
        Desktops = new WatchCache<Desktop>(CustomSource<Desktop>(client, Desktop.Plural), loggers.CreateLogger("LeBureau.ApiServer.Cache.Desktops"))
            .AddIndex(ByUid, d => d.Metadata.Uid);
        AgentTokens = new WatchCache<V1Secret>(SecretSource(client, selector), loggers.CreateLogger("LeBureau.ApiServer.Cache.AgentTokens"));
    }

    public WatchCache<ApiKey> ApiKeys { get; }

    public WatchCache<Desktop> Desktops { get; }

    public WatchCache<V1Secret> AgentTokens { get; }

    public async Task WaitForSyncAsync(CancellationToken cancellationToken)
    {
        await ApiKeys.WaitForSyncAsync(cancellationToken);
        await Desktops.WaitForSyncAsync(cancellationToken);
        await AgentTokens.WaitForSyncAsync(cancellationToken);
    }

    private static ListWatchSource<T> CustomSource<T>(IKubernetes client, string plural) where T : class, IKubernetesObject<V1ObjectMeta> =>
        new(plural,
            async ct =>
            {
                var list = await client.CustomObjects.ListClusterCustomObjectAsync<ResourceList<T>>(Desktop.Group, Desktop.Version, plural, cancellationToken: ct);
                return (list.Items, list.Metadata.ResourceVersion);
            },
            (rv, ct) => WatchCustom<T>(client, plural, rv, ct));

    private static async IAsyncEnumerable<(WatchEventType, T)> WatchCustom<T>(IKubernetes client, string plural, string rv, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var (type, obj) in client.CustomObjects.WatchListClusterCustomObjectAsync(
            Desktop.Group, Desktop.Version, plural, allowWatchBookmarks: true, resourceVersion: rv, timeoutSeconds: 300, cancellationToken: ct))
        {
            var json = obj is JsonElement element ? element.GetRawText() : KubernetesJson.Serialize(obj);
            yield return (type, KubernetesJson.Deserialize<T>(json));
        }
    }

    private static ListWatchSource<V1Secret> SecretSource(IKubernetes client, string selector) =>
        new("secrets",
            async ct =>
            {
                var list = await client.CoreV1.ListSecretForAllNamespacesAsync(labelSelector: selector, cancellationToken: ct);
                return (list.Items, list.Metadata.ResourceVersion);
            },
            (rv, ct) => client.CoreV1.WatchListSecretForAllNamespacesAsync(
                allowWatchBookmarks: true, labelSelector: selector, resourceVersion: rv, timeoutSeconds: 300, cancellationToken: ct));
}
