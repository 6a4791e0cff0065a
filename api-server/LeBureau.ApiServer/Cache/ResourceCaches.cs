using k8s.Models;
using LeBureau.ApiServer.Hosting;
using LeBureau.Operator.Runtime;
using LeBureau.Resources;
using Microsoft.Extensions.Options;

namespace LeBureau.ApiServer.Cache;

/// <summary>
/// The api-server's informers: API keys by hash, desktops and mission-control tasks by uid, agent-token Secrets. All reads come from here;
/// the api-server upserts what it writes (<see cref="Informer{T}.Upsert"/>) so that its next read sees it.
/// </summary>
internal sealed class ResourceCaches
{
    public const string ByHash = "hash";
    public const string ByUid = "uid";

    public ResourceCaches(KubeApi api, IOptions<ApiServerOptions> options, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ApiKeys = Create<ApiKey>(api, loggers, labelSelector: null);
        ApiKeys.AddIndex(ByHash, k => k.Status?.Hash is { } hash ? [hash] : []);
        ApiKeys.AddIndex(ByUid, k => k.Metadata.Uid is { } uid ? [uid] : []);
        Desktops = Create<Desktop>(api, loggers, labelSelector: null);
        Desktops.AddIndex(ByUid, d => d.Metadata.Uid is { } uid ? [uid] : []);
        Tasks = Create<DesktopTask>(api, loggers, labelSelector: null);
        Tasks.AddIndex(ByUid, t => t.Metadata.Uid is { } uid ? [uid] : []);
        AgentTokens = Create<V1Secret>(api, loggers, options.Value.AgentTokenSecretSelector);
        All = [ApiKeys, Desktops, Tasks, AgentTokens];
    }

    public Informer<ApiKey> ApiKeys { get; }

    public Informer<Desktop> Desktops { get; }

    public Informer<DesktopTask> Tasks { get; }

    public Informer<V1Secret> AgentTokens { get; }

    /// <summary>Every informer, for the host and the readiness probe.</summary>
    public IReadOnlyList<IInformer> All { get; }

    /// <summary>True once every informer has listed.</summary>
    public bool IsSynced => All.All(i => i.HasSynced);

    /// <summary>Lists and watches every kind until cancelled.</summary>
    public Task RunAsync(CancellationToken cancellationToken) => Task.WhenAll(All.Select(i => i.RunAsync(cancellationToken)));

    /// <summary>Completes once every informer has listed.</summary>
    public Task WaitForSyncAsync(CancellationToken cancellationToken) => Task.WhenAll(All.Select(i => i.WaitForSyncAsync(cancellationToken)));

    // Nothing subscribes to Changed here, so no resync; reconnects back off to 10 s at most.
    private static Informer<T> Create<T>(KubeApi api, ILoggerFactory loggers, string? labelSelector)
        where T : class, k8s.IKubernetesObject<V1ObjectMeta> =>
        new(new ResourceClient<T>(api),
            new InformerOptions { LabelSelector = labelSelector, ResyncPeriod = TimeSpan.Zero, MaxReconnectDelay = TimeSpan.FromSeconds(10) },
            loggers.CreateLogger<Informer<T>>());
}
