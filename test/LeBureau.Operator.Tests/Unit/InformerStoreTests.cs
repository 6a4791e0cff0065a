using k8s;
using k8s.Models;
using LeBureau.Operator.Runtime;
using Microsoft.Extensions.Logging.Abstractions;

namespace LeBureau.Operator.Tests.Unit;

/// <summary>The informer's store without a server: upserts, removes, watch events and relists applied directly.</summary>
public sealed class InformerStoreTests : IDisposable
{
    private const string ByOwner = "owner";

    private readonly Kubernetes _kubernetes = new(new KubernetesClientConfiguration { Host = "http://127.0.0.1:1" });
    private readonly Informer<V1Secret> _informer;

    public InformerStoreTests()
    {
        _informer = new Informer<V1Secret>(new ResourceClient<V1Secret>(new KubeApi(_kubernetes)), null, NullLogger<Informer<V1Secret>>.Instance);
        _informer.AddIndex(ByOwner, s => s.Metadata.Labels?.TryGetValue("owner", out var owner) == true ? [owner] : []);
    }

    public void Dispose() => _kubernetes.Dispose();

    [Fact]
    public void An_upsert_is_read_back_at_once()
    {
        _informer.Upsert(Secret("a", "s", "5", owner: "alice")).Should().BeTrue();

        _informer.Get("a", "s")!.Metadata.ResourceVersion.Should().Be("5");
        _informer.FirstByIndex(ByOwner, "alice")!.Metadata.Name.Should().Be("s");
    }

    [Fact]
    public void A_watch_event_older_than_an_upsert_does_not_roll_it_back()
    {
        _informer.Upsert(Secret("a", "s", "7"));

        _informer.Apply(new WatchEvent<V1Secret>(WatchEventType.Modified, Secret("a", "s", "6")));

        _informer.Get("a", "s")!.Metadata.ResourceVersion.Should().Be("7");
    }

    [Fact]
    public void An_upsert_older_than_a_watch_event_is_ignored()
    {
        _informer.Apply(new WatchEvent<V1Secret>(WatchEventType.Added, Secret("a", "s", "9")));

        _informer.Upsert(Secret("a", "s", "8")).Should().BeFalse();
        _informer.Upsert(Secret("a", "s", "9")).Should().BeFalse();

        _informer.Get("a", "s")!.Metadata.ResourceVersion.Should().Be("9");
    }

    [Fact]
    public void Resource_versions_that_are_not_integers_are_accepted()
    {
        _informer.Upsert(Secret("a", "s", "b"));

        _informer.Upsert(Secret("a", "s", "a")).Should().BeTrue();

        _informer.Get("a", "s")!.Metadata.ResourceVersion.Should().Be("a");
    }

    [Fact]
    public void A_late_deleted_event_does_not_remove_a_recreated_object()
    {
        _informer.Upsert(Secret("a", "s", "12"));

        _informer.Apply(new WatchEvent<V1Secret>(WatchEventType.Deleted, Secret("a", "s", "10")));

        _informer.Get("a", "s").Should().NotBeNull();
    }

    [Fact]
    public void List_of_a_namespace_holds_only_that_namespace()
    {
        _informer.Upsert(Secret("a", "s1", "1"));
        _informer.Upsert(Secret("a", "s2", "2"));
        _informer.Upsert(Secret("b", "s1", "3"));

        _informer.List("a").Select(s => s.Metadata.Name).Should().BeEquivalentTo("s1", "s2");
        _informer.List("c").Should().BeEmpty();
        _informer.List().Should().HaveCount(3);
    }

    [Fact]
    public void Indexes_follow_changes_and_removes()
    {
        _informer.Upsert(Secret("a", "s", "1", owner: "alice"));
        _informer.Upsert(Secret("a", "s", "2", owner: "bob"));

        _informer.ByIndex(ByOwner, "alice").Should().BeEmpty();
        _informer.ByIndex(ByOwner, "bob").Should().ContainSingle().Which.Metadata.ResourceVersion.Should().Be("2");

        _informer.Remove("a", "s").Should().BeTrue();

        _informer.FirstByIndex(ByOwner, "bob").Should().BeNull();
        _informer.Get("a", "s").Should().BeNull();
        _informer.List("a").Should().BeEmpty();
    }

    [Fact]
    public void A_relist_drops_missing_objects_but_keeps_those_written_after_it()
    {
        _informer.Upsert(Secret("a", "old", "3"));
        _informer.Upsert(Secret("a", "new", "30"));
        var deleted = new List<string>();
        _informer.Changed += (type, old, _) => { if (type == WatchEventType.Deleted) deleted.Add(old!.Metadata.Name); };

        _informer.Replace(null, [Secret("a", "listed", "20")], "20");

        _informer.List("a").Select(s => s.Metadata.Name).Should().BeEquivalentTo("listed", "new");
        deleted.Should().Equal("old");
    }

    [Fact]
    public async Task Reads_during_writes_see_consistent_snapshots()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var writer = Task.Run(() =>
        {
            for (var rv = 1; !stop.IsCancellationRequested; rv++)
            {
                _informer.Upsert(Secret("a", "s", rv.ToString(System.Globalization.CultureInfo.InvariantCulture), owner: $"o{rv % 2}"));
            }
        });
        while (!writer.IsCompleted)
        {
            _informer.List("a").Should().HaveCountLessThanOrEqualTo(1);
            _informer.ByIndex(ByOwner, "o0").All(s => s.Metadata.Labels["owner"] == "o0").Should().BeTrue();
        }
        await writer;
    }

    private static V1Secret Secret(string @namespace, string name, string resourceVersion, string? owner = null) => new()
    {
        Metadata = new V1ObjectMeta
        {
            NamespaceProperty = @namespace,
            Name = name,
            ResourceVersion = resourceVersion,
            Labels = owner is null ? null : new Dictionary<string, string> { ["owner"] = owner },
        },
    };
}
