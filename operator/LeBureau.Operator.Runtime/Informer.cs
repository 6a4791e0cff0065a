using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace LeBureau.Operator.Runtime;

/// <summary>
/// A list+watch cache of one kind. It lists each watched namespace (or all), then watches from the list's
/// resourceVersion with bookmarks, reconnects from the last seen resourceVersion with exponential backoff,
/// relists on 410 Gone (announcing the differences), and periodically re-announces every object (resync).
/// Reads (<see cref="Get"/>, <see cref="List"/>, <see cref="ByIndex"/>) are thread-safe snapshots.
/// </summary>
/// <remarks>
/// <see cref="Changed"/> is raised as (type, old, new) on the watch task after the store is updated: Added (null, new),
/// Modified (old, new; old == new on resync), Deleted (last known, null). Handlers must be quick (enqueue a key).
/// </remarks>
public sealed partial class Informer<T> : IInformer where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly ResourceClient<T> _client;
    private readonly InformerOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, T> _items = [];
    private readonly Dictionary<string, Func<T, IEnumerable<string>>> _indexers = [];
    private readonly Dictionary<string, Dictionary<string, HashSet<string>>> _indices = [];
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string?[] _scopes;
    private int _scopesSynced;

    public Informer(ResourceClient<T> client, InformerOptions? options, ILogger<Informer<T>> logger, TimeProvider? time = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _options = options ?? new InformerOptions();
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _time = time ?? TimeProvider.System;
        _scopes = client.Type.Namespaced && _options.Namespaces is { Count: > 0 } list ? [.. list.Distinct()] : [null];
    }

    /// <summary>Raised after each change of the store: (type, old, new). See the class remarks.</summary>
    public event Action<WatchEventType, T?, T?>? Changed;

    /// <inheritdoc />
    public ResourceType Type => _client.Type;

    /// <inheritdoc />
    public bool HasSynced => _synced.Task.IsCompleted;

    /// <summary>The cached object, or null.</summary>
    public T? Get(string? @namespace, string name)
    {
        lock (_gate) return _items.GetValueOrDefault(Key(@namespace, name));
    }

    /// <summary>The cached objects of a namespace, or of all namespaces when null.</summary>
    public IReadOnlyList<T> List(string? @namespace = null)
    {
        lock (_gate)
        {
            return @namespace is null
                ? [.. _items.Values]
                : [.. _items.Values.Where(i => i.Metadata.NamespaceProperty == @namespace)];
        }
    }

    /// <summary>Adds an index (e.g. desktops by provider Secret name); may be called before or after start.</summary>
    public void AddIndex(string name, Func<T, IEnumerable<string>> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        lock (_gate)
        {
            _indexers[name] = keys;
            var index = _indices[name] = [];
            foreach (var (key, item) in _items) AddToIndex(index, keys, key, item);
        }
    }

    /// <summary>The cached objects whose index <paramref name="index"/> yields <paramref name="key"/>.</summary>
    public IReadOnlyList<T> ByIndex(string index, string key)
    {
        lock (_gate)
        {
            if (!_indices.TryGetValue(index, out var entries)) throw new ArgumentException($"no index named {index}", nameof(index));
            return entries.TryGetValue(key, out var keys) ? [.. keys.Select(k => _items[k])] : [];
        }
    }

    /// <inheritdoc />
    public Task WaitForSyncAsync(CancellationToken cancellationToken) => _synced.Task.WaitAsync(cancellationToken);

    /// <inheritdoc />
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var loops = _scopes.Select(scope => Task.Run(() => WatchScopeAsync(scope, cancellationToken), cancellationToken)).ToList();
        if (_options.ResyncPeriod > TimeSpan.Zero) loops.Add(ResyncAsync(cancellationToken));
        try
        {
            await Task.WhenAll(loops);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped.
        }
    }

    private async Task WatchScopeAsync(string? scope, CancellationToken cancellationToken)
    {
        string? resourceVersion = null;
        var delay = TimeSpan.FromMilliseconds(200);
        var listed = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            var started = _time.GetUtcNow();
            try
            {
                if (resourceVersion is null)
                {
                    var list = await _client.ListAsync(scope, _options.LabelSelector, cancellationToken);
                    Replace(scope, list.Items ?? []);
                    resourceVersion = list.Metadata.ResourceVersion;
                    if (!listed)
                    {
                        listed = true;
                        if (Interlocked.Increment(ref _scopesSynced) == _scopes.Length) _synced.TrySetResult();
                    }
                    Log.Listed(_logger, _client.Type.Plural, scope ?? "*", list.Items?.Count ?? 0, resourceVersion);
                }
                var timeout = _options.WatchTimeout * (1 + Random.Shared.NextDouble());
                await foreach (var e in _client.WatchAsync(scope, resourceVersion, timeout, _options.LabelSelector, cancellationToken))
                {
                    if (e.Type == WatchEventType.Error)
                    {
                        if (e.Error?.Code == 410)
                        {
                            Log.Gone(_logger, _client.Type.Plural, scope ?? "*");
                            resourceVersion = null;
                            break;
                        }
                        throw new InvalidOperationException($"watch error {e.Error?.Code}: {e.Error?.Message}");
                    }
                    resourceVersion = e.Object?.Metadata.ResourceVersion ?? resourceVersion;
                    Apply(e);
                    delay = TimeSpan.FromMilliseconds(200);
                }
                // A watch that ends at once (a proxy closing it, a server going away) must not spin.
                if (_time.GetUtcNow() - started < TimeSpan.FromSeconds(1)) await WaitAsync(ref delay, cancellationToken);
            }
            catch (KubeApiException e) when (e.IsGone)
            {
                Log.Gone(_logger, _client.Type.Plural, scope ?? "*");
                resourceVersion = null;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                Log.WatchFailed(_logger, _client.Type.Plural, scope ?? "*", delay, e.Message);
                await WaitAsync(ref delay, cancellationToken);
            }
        }
    }

    private Task WaitAsync(ref TimeSpan delay, CancellationToken cancellationToken)
    {
        var wait = delay;
        delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxReconnectDelay.Ticks));
        return Task.Delay(wait, _time, cancellationToken);
    }

    private async Task ResyncAsync(CancellationToken cancellationToken)
    {
        await WaitForSyncAsync(cancellationToken);
        while (!cancellationToken.IsCancellationRequested)
        {
            var jitter = 0.9 + Random.Shared.NextDouble() * 0.2;
            await Task.Delay(_options.ResyncPeriod * jitter, _time, cancellationToken);
            foreach (var item in List()) Changed?.Invoke(WatchEventType.Modified, item, item);
        }
    }

    private void Apply(WatchEvent<T> e)
    {
        if (e.Object is null || e.Type == WatchEventType.Bookmark) return;
        var key = Key(e.Object.Metadata.NamespaceProperty, e.Object.Metadata.Name);
        T? old;
        lock (_gate)
        {
            old = _items.GetValueOrDefault(key);
            if (old is not null) RemoveFromIndices(key, old);
            if (e.Type == WatchEventType.Deleted)
            {
                _items.Remove(key);
            }
            else
            {
                _items[key] = e.Object;
                AddToIndices(key, e.Object);
            }
        }
        if (e.Type == WatchEventType.Deleted) Changed?.Invoke(WatchEventType.Deleted, old ?? e.Object, null);
        else Changed?.Invoke(old is null ? WatchEventType.Added : WatchEventType.Modified, old, e.Object);
    }

    private void Replace(string? scope, IEnumerable<T> items)
    {
        var events = new List<(WatchEventType, T?, T?)>();
        lock (_gate)
        {
            var fresh = items.ToDictionary(i => Key(i.Metadata.NamespaceProperty, i.Metadata.Name));
            var stale = _items.Where(p => scope is null || p.Value.Metadata.NamespaceProperty == scope)
                .Where(p => !fresh.ContainsKey(p.Key)).ToList();
            foreach (var (key, item) in stale)
            {
                RemoveFromIndices(key, item);
                _items.Remove(key);
                events.Add((WatchEventType.Deleted, item, null));
            }
            foreach (var (key, item) in fresh)
            {
                var old = _items.GetValueOrDefault(key);
                if (old is not null) RemoveFromIndices(key, old);
                _items[key] = item;
                AddToIndices(key, item);
                events.Add((old is null ? WatchEventType.Added : WatchEventType.Modified, old, item));
            }
        }
        foreach (var (type, old, item) in events) Changed?.Invoke(type, old, item);
    }

    private void AddToIndices(string key, T item)
    {
        foreach (var (name, keys) in _indexers) AddToIndex(_indices[name], keys, key, item);
    }

    private static void AddToIndex(Dictionary<string, HashSet<string>> index, Func<T, IEnumerable<string>> keys, string key, T item)
    {
        foreach (var k in keys(item))
        {
            if (!index.TryGetValue(k, out var set)) index[k] = set = [];
            set.Add(key);
        }
    }

    private void RemoveFromIndices(string key, T item)
    {
        foreach (var (name, keys) in _indexers)
        {
            var index = _indices[name];
            foreach (var k in keys(item))
            {
                if (index.TryGetValue(k, out var set) && set.Remove(key) && set.Count == 0) index.Remove(k);
            }
        }
    }

    private static string Key(string? @namespace, string name) => string.IsNullOrEmpty(@namespace) ? name : $"{@namespace}/{name}";

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Debug, Message = "listed {Plural} in {Namespace}: {Count} objects at resourceVersion {ResourceVersion}")]
        public static partial void Listed(ILogger logger, string plural, string @namespace, int count, string resourceVersion);

        [LoggerMessage(Level = LogLevel.Information, Message = "watch of {Plural} in {Namespace} expired (410 Gone): relisting")]
        public static partial void Gone(ILogger logger, string plural, string @namespace);

        [LoggerMessage(Level = LogLevel.Warning, Message = "watch of {Plural} in {Namespace} failed, retrying in {Delay}: {Error}")]
        public static partial void WatchFailed(ILogger logger, string plural, string @namespace, TimeSpan delay, string error);
    }
}
