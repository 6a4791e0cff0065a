using System.Collections.Concurrent;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace LeBureau.ApiServer.Cache;

/// <summary>
/// A list+watch cache of one kind across all namespaces, with unique secondary indexes (API key hash,
/// desktop uid). Readers never block: the maps are concurrent, and one watch loop writes them.
/// </summary>
internal sealed class WatchCache<T> : BackgroundService where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly ListWatchSource<T> _source;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, T>> _byNamespace = new();
    private readonly Dictionary<string, (Func<T, string?> Key, ConcurrentDictionary<string, T> Map)> _indexes = [];
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _write = new();

    public WatchCache(ListWatchSource<T> source, ILogger logger)
    {
        _source = source;
        _logger = logger;
    }

    /// <summary>Adds a unique index; call before the cache starts.</summary>
    public WatchCache<T> AddIndex(string name, Func<T, string?> key)
    {
        _indexes[name] = (key, new ConcurrentDictionary<string, T>(StringComparer.Ordinal));
        return this;
    }

    /// <summary>Completes once the first LIST is in.</summary>
    public Task WaitForSyncAsync(CancellationToken cancellationToken) => _synced.Task.WaitAsync(cancellationToken);

    public bool IsSynced => _synced.Task.IsCompleted;

    public T? Get(string ns, string name) =>
        _byNamespace.TryGetValue(ns, out var objects) && objects.TryGetValue(name, out var value) ? value : null;

    public IEnumerable<T> List(string ns) =>
        _byNamespace.TryGetValue(ns, out var objects) ? objects.Values : [];

    public T? ByIndex(string index, string key) =>
        _indexes[index].Map.TryGetValue(key, out var value) ? value : null;

    /// <summary>Applies an object the caller just wrote, so that its next read sees it before the watch event arrives.</summary>
    public void Upsert(T obj)
    {
        lock (_write) Store(obj);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromMilliseconds(200);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var (items, resourceVersion) = await _source.List(stoppingToken);
                Replace(items);
                _synced.TrySetResult();
                backoff = TimeSpan.FromMilliseconds(200);
                resourceVersion = await WatchAsync(resourceVersion, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                CacheLog.WatchFailed(_logger, _source.Kind, e.Message);
                await Task.Delay(backoff, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
        }
    }

    // Watches until the server ends the watch with 410 Gone (then the caller relists) or an error.
    private async Task<string> WatchAsync(string resourceVersion, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await foreach (var (type, obj) in _source.Watch(resourceVersion, cancellationToken))
            {
                if (type == WatchEventType.Error)
                {
                    throw new HttpOperationException("watch error event (resourceVersion too old)");
                }
                if (obj?.Metadata?.ResourceVersion is { } rv) resourceVersion = rv;
                lock (_write)
                {
                    switch (type)
                    {
                        case WatchEventType.Added or WatchEventType.Modified:
                            Store(obj!);
                            break;
                        case WatchEventType.Deleted:
                            Remove(obj!);
                            break;
                    }
                }
            }
        }
        return resourceVersion;
    }

    private void Replace(IList<T> items)
    {
        lock (_write)
        {
            var fresh = items.Select(i => Key(i)).ToHashSet();
            foreach (var (ns, objects) in _byNamespace)
            {
                foreach (var (_, obj) in objects)
                {
                    if (!fresh.Contains(Key(obj))) Remove(obj);
                }
            }
            foreach (var item in items) Store(item);
        }
    }

    private void Store(T obj)
    {
        var ns = obj.Metadata.NamespaceProperty ?? "";
        var objects = _byNamespace.GetOrAdd(ns, _ => new ConcurrentDictionary<string, T>(StringComparer.Ordinal));
        objects.TryGetValue(obj.Metadata.Name, out var previous);
        if (previous is not null && IsOlder(obj, previous)) return;
        foreach (var (_, (key, map)) in _indexes)
        {
            if (previous is not null && key(previous) is { } old && old != key(obj)) map.TryRemove(old, out _);
            if (key(obj) is { } current) map[current] = obj;
        }
        objects[obj.Metadata.Name] = obj;
    }

    private void Remove(T obj)
    {
        var ns = obj.Metadata.NamespaceProperty ?? "";
        if (!_byNamespace.TryGetValue(ns, out var objects) || !objects.TryRemove(obj.Metadata.Name, out var previous)) return;
        foreach (var (_, (key, map)) in _indexes)
        {
            if (key(previous) is { } old) map.TryRemove(new KeyValuePair<string, T>(old, previous));
        }
    }

    // A write the api-server applied itself (Upsert) may be newer than a watch event still in flight.
    private static bool IsOlder(T candidate, T current) =>
        long.TryParse(candidate.Metadata.ResourceVersion, out var a) && long.TryParse(current.Metadata.ResourceVersion, out var b) && a < b;

    private static string Key(T obj) => $"{obj.Metadata.NamespaceProperty}/{obj.Metadata.Name}";
}
