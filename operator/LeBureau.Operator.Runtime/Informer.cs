using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace LeBureau.Operator.Runtime;

/// <summary>
/// A list+watch cache of one kind. It lists each watched namespace (or all), then watches from the list's
/// resourceVersion with bookmarks, reconnects from the last seen resourceVersion with exponential backoff,
/// relists on 410 Gone (announcing the differences), and periodically re-announces every object (resync).
/// Reads (<see cref="Get"/>, <see cref="List"/>, <see cref="ByIndex"/>, <see cref="FirstByIndex"/>) take no lock:
/// they read an immutable snapshot (objects by namespace, and every index) that each write replaces atomically.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Changed"/> is raised as (type, old, new) after the store is updated: Added (null, new),
/// Modified (old, new; old == new on resync), Deleted (last known, null). Handlers must be quick (enqueue a key).
/// It is raised on the watch task, or on the caller's thread for <see cref="Upsert"/> and <see cref="Remove"/>.
/// </para>
/// <para>
/// A caller that writes an object may apply the answer with <see cref="Upsert"/> so its next read sees it (read
/// your writes). The store then keeps the newer of the two by resourceVersion: a watch event older than the cached
/// object is dropped, and so is an upsert that is not newer.
/// </para>
/// </remarks>
public sealed partial class Informer<T> : IInformer where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly ResourceClient<T> _client;
    private readonly InformerOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
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
    public T? Get(string? @namespace, string name) => Snapshot.Get(@namespace, name);

    /// <summary>The cached objects of a namespace (read from that namespace alone), or of all namespaces when null.</summary>
    public IReadOnlyList<T> List(string? @namespace = null)
    {
        var snapshot = Snapshot;
        if (@namespace is null) return [.. snapshot.Namespaces.Values.SelectMany(objects => objects.Values)];
        return snapshot.Namespaces.TryGetValue(@namespace, out var inNamespace) ? [.. inNamespace.Values] : [];
    }

    /// <summary>Adds an index (e.g. desktops by provider Secret name); may be called before or after start.</summary>
    public void AddIndex(string name, Func<T, IEnumerable<string>> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        lock (_write)
        {
            _indexers[name] = keys;
            Publish(Snapshot.WithIndex(name, keys));
        }
    }

    /// <summary>The cached objects whose index <paramref name="index"/> yields <paramref name="key"/>.</summary>
    public IReadOnlyList<T> ByIndex(string index, string key) =>
        Snapshot.Entries(index, key) is { } entries ? [.. entries.Values] : [];

    /// <summary>
    /// One cached object whose index <paramref name="index"/> yields <paramref name="key"/>, or null: for indexes
    /// whose keys are unique (a uid, a hash), without copying a list.
    /// </summary>
    public T? FirstByIndex(string index, string key)
    {
        if (Snapshot.Entries(index, key) is not { } entries) return null;
        foreach (var (_, item) in entries) return item;
        return null;
    }

    /// <summary>
    /// Applies an object the caller just wrote (the API server's answer), so that reads see it before its watch event
    /// arrives. Ignored unless it is newer than the cached object (resourceVersions compared as integers when both
    /// are; otherwise it is applied). Returns whether it was applied.
    /// </summary>
    public bool Upsert(T obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return Put(obj, ResourceVersionRule.MustBeNewer);
    }

    /// <summary>
    /// Removes an object the caller just deleted, so that reads stop seeing it. A watch event about it that was
    /// already in flight may add it back until its Deleted event arrives. Returns whether it was cached.
    /// </summary>
    public bool Remove(string? @namespace, string name)
    {
        T? old;
        lock (_write)
        {
            old = Snapshot.Get(@namespace, name);
            if (old is null) return false;
            var writer = Writer();
            writer.Delete(old);
            Publish(writer.Build());
        }
        Changed?.Invoke(WatchEventType.Deleted, old, null);
        return true;
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
                    Replace(scope, list.Items ?? [], list.Metadata.ResourceVersion);
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

    internal void Apply(WatchEvent<T> e)
    {
        if (e.Object is null || e.Type is WatchEventType.Bookmark or WatchEventType.Error) return;
        if (e.Type != WatchEventType.Deleted)
        {
            Put(e.Object, ResourceVersionRule.MustNotBeOlder);
            return;
        }
        T? old;
        lock (_write)
        {
            old = Snapshot.Get(e.Object.Metadata.NamespaceProperty, e.Object.Metadata.Name);
            // Re-created (and upserted) since: a late Deleted event must not remove the newer object.
            if (old is not null && CompareVersions(e.Object, old) < 0) return;
            if (old is not null)
            {
                var writer = Writer();
                writer.Delete(old);
                Publish(writer.Build());
            }
        }
        Changed?.Invoke(WatchEventType.Deleted, old ?? e.Object, null);
    }

    // A list is the state at its resourceVersion: objects missing from it are gone, unless they were upserted after it.
    internal void Replace(string? scope, IEnumerable<T> items, string? listResourceVersion)
    {
        var events = new List<(WatchEventType, T?, T?)>();
        lock (_write)
        {
            var snapshot = Snapshot;
            var writer = Writer();
            var fresh = items.ToDictionary(i => Key(i.Metadata.NamespaceProperty, i.Metadata.Name));
            var inScope = scope is null
                ? snapshot.Namespaces.Values.SelectMany(objects => objects.Values)
                : snapshot.Namespaces.GetValueOrDefault(scope)?.Values ?? [];
            foreach (var item in inScope)
            {
                if (fresh.ContainsKey(Key(item.Metadata.NamespaceProperty, item.Metadata.Name))) continue;
                if (Compare(item.Metadata.ResourceVersion, listResourceVersion) > 0) continue;
                writer.Delete(item);
                events.Add((WatchEventType.Deleted, item, null));
            }
            foreach (var item in fresh.Values)
            {
                var old = snapshot.Get(item.Metadata.NamespaceProperty, item.Metadata.Name);
                if (old is not null && CompareVersions(item, old) < 0) continue;
                writer.Put(old, item);
                events.Add((old is null ? WatchEventType.Added : WatchEventType.Modified, old, item));
            }
            Publish(writer.Build());
        }
        foreach (var (type, old, item) in events) Changed?.Invoke(type, old, item);
    }

    private bool Put(T item, ResourceVersionRule rule)
    {
        T? old;
        lock (_write)
        {
            old = Snapshot.Get(item.Metadata.NamespaceProperty, item.Metadata.Name);
            if (old is not null)
            {
                var order = CompareVersions(item, old);
                if (order < 0 || (order == 0 && rule == ResourceVersionRule.MustBeNewer)) return false;
            }
            var writer = Writer();
            writer.Put(old, item);
            Publish(writer.Build());
        }
        Changed?.Invoke(old is null ? WatchEventType.Added : WatchEventType.Modified, old, item);
        return true;
    }

    private static int? CompareVersions(T a, T b) => Compare(a.Metadata.ResourceVersion, b.Metadata.ResourceVersion);

    // resourceVersions are opaque to clients, but every API server we meet issues integers; anything else compares as unknown.
    private static int? Compare(string? a, string? b) =>
        long.TryParse(a, out var x) && long.TryParse(b, out var y) ? x.CompareTo(y) : null;

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
