using System.Collections.Immutable;
using k8s;
using k8s.Models;

namespace LeBureau.Operator.Runtime;

// The store: an immutable snapshot that readers take without a lock; writers (the watch loops, Upsert, Remove)
// serialise on _write, build the next snapshot from the current one and publish it with one reference swap.
public sealed partial class Informer<T>
{
    private readonly Lock _write = new();
    private readonly Dictionary<string, Func<T, IEnumerable<string>>> _indexers = [];
    private Store _snapshot = Store.Empty;

    private enum ResourceVersionRule
    {
        /// <summary>A watch event: applied unless the cached object is newer (an upsert overtook it).</summary>
        MustNotBeOlder,

        /// <summary>An upsert: applied only if newer than the cached object (a watch event may have overtaken it).</summary>
        MustBeNewer,
    }

    private Store Snapshot => Volatile.Read(ref _snapshot);

    private void Publish(Store next) => Volatile.Write(ref _snapshot, next);

    private StoreWriter Writer() => new(Snapshot, _indexers);

    private static string Key(string? @namespace, string name) => string.IsNullOrEmpty(@namespace) ? name : $"{@namespace}/{name}";

    /// <summary>Objects by namespace ("" for cluster-scoped kinds) then name; each index by key then object key.</summary>
    private sealed class Store(
        ImmutableDictionary<string, ImmutableDictionary<string, T>> namespaces,
        ImmutableDictionary<string, ImmutableDictionary<string, ImmutableDictionary<string, T>>> indices)
    {
        public static readonly Store Empty = new(
            ImmutableDictionary<string, ImmutableDictionary<string, T>>.Empty,
            ImmutableDictionary<string, ImmutableDictionary<string, ImmutableDictionary<string, T>>>.Empty);

        public ImmutableDictionary<string, ImmutableDictionary<string, T>> Namespaces { get; } = namespaces;

        public ImmutableDictionary<string, ImmutableDictionary<string, ImmutableDictionary<string, T>>> Indices { get; } = indices;

        public T? Get(string? @namespace, string name) =>
            Namespaces.TryGetValue(@namespace ?? "", out var objects) && objects.TryGetValue(name, out var item) ? item : null;

        public ImmutableDictionary<string, T>? Entries(string index, string key)
        {
            if (!Indices.TryGetValue(index, out var entries)) throw new ArgumentException($"no index named {index}", nameof(index));
            return entries.GetValueOrDefault(key);
        }

        public Store WithIndex(string name, Func<T, IEnumerable<string>> keys)
        {
            var index = ImmutableDictionary.CreateBuilder<string, ImmutableDictionary<string, T>>();
            foreach (var item in Namespaces.Values.SelectMany(objects => objects.Values)) StoreWriter.AddToIndex(index, keys, item);
            return new Store(Namespaces, Indices.SetItem(name, index.ToImmutable()));
        }
    }

    /// <summary>Changes to one snapshot, built into the next.</summary>
    private sealed class StoreWriter
    {
        private readonly ImmutableDictionary<string, ImmutableDictionary<string, T>>.Builder _namespaces;
        private readonly Dictionary<string, (Func<T, IEnumerable<string>> Keys, ImmutableDictionary<string, ImmutableDictionary<string, T>>.Builder Entries)> _indices = [];

        public StoreWriter(Store from, Dictionary<string, Func<T, IEnumerable<string>>> indexers)
        {
            _namespaces = from.Namespaces.ToBuilder();
            foreach (var (name, keys) in indexers) _indices[name] = (keys, from.Indices[name].ToBuilder());
        }

        public void Put(T? old, T item)
        {
            if (old is not null) RemoveFromIndices(old);
            var @namespace = item.Metadata.NamespaceProperty ?? "";
            var objects = _namespaces.GetValueOrDefault(@namespace) ?? ImmutableDictionary<string, T>.Empty;
            _namespaces[@namespace] = objects.SetItem(item.Metadata.Name, item);
            foreach (var (keys, entries) in _indices.Values) AddToIndex(entries, keys, item);
        }

        public void Delete(T old)
        {
            RemoveFromIndices(old);
            var @namespace = old.Metadata.NamespaceProperty ?? "";
            if (!_namespaces.TryGetValue(@namespace, out var objects)) return;
            objects = objects.Remove(old.Metadata.Name);
            if (objects.IsEmpty) _namespaces.Remove(@namespace);
            else _namespaces[@namespace] = objects;
        }

        public Store Build() => new(
            _namespaces.ToImmutable(),
            _indices.ToImmutableDictionary(p => p.Key, p => p.Value.Entries.ToImmutable()));

        public static void AddToIndex(ImmutableDictionary<string, ImmutableDictionary<string, T>>.Builder entries,
            Func<T, IEnumerable<string>> keys, T item)
        {
            var objectKey = Key(item.Metadata.NamespaceProperty, item.Metadata.Name);
            foreach (var key in keys(item))
            {
                entries[key] = (entries.GetValueOrDefault(key) ?? ImmutableDictionary<string, T>.Empty).SetItem(objectKey, item);
            }
        }

        private void RemoveFromIndices(T old)
        {
            var objectKey = Key(old.Metadata.NamespaceProperty, old.Metadata.Name);
            foreach (var (keys, entries) in _indices.Values)
            {
                foreach (var key in keys(old))
                {
                    if (!entries.TryGetValue(key, out var objects)) continue;
                    objects = objects.Remove(objectKey);
                    if (objects.IsEmpty) entries.Remove(key);
                    else entries[key] = objects;
                }
            }
        }
    }
}
