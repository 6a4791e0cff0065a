using k8s;
using k8s.Models;
using LeBureau.Operator.Runtime;
using LeBureau.Resources;

namespace LeBureau.Operator.Tests.Unit;

public sealed class WatchEventParsingTests
{
    [Fact]
    public void An_object_event_carries_the_typed_object()
    {
        var e = ResourceClient<Desktop>.ParseEvent("""{"type":"MODIFIED","object":{"apiVersion":"lebureau.io/v1alpha1","kind":"Desktop","metadata":{"name":"d","namespace":"n","resourceVersion":"42"},"spec":{"displayName":"x","tier":"pro"}}}""");
        e.Type.Should().Be(WatchEventType.Modified);
        e.Object!.Metadata.ResourceVersion.Should().Be("42");
        e.Object.Spec.Tier.Should().Be(Tier.Pro);
    }

    [Fact]
    public void A_gone_error_carries_its_status_code()
    {
        var e = ResourceClient<Desktop>.ParseEvent("""{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","status":"Failure","message":"too old resource version","reason":"Expired","code":410}}""");
        e.Type.Should().Be(WatchEventType.Error);
        e.Object.Should().BeNull();
        e.Error!.Code.Should().Be(410);
    }

    [Fact]
    public void A_bookmark_carries_only_a_resource_version()
    {
        var e = ResourceClient<V1Secret>.ParseEvent("""{"type":"BOOKMARK","object":{"kind":"Secret","apiVersion":"v1","metadata":{"resourceVersion":"77"}}}""");
        e.Type.Should().Be(WatchEventType.Bookmark);
        e.Object!.Metadata.ResourceVersion.Should().Be("77");
    }

    [Fact]
    public void Resource_paths_cover_core_and_group_kinds()
    {
        ResourceType.Of<V1Secret>().ItemPath("n", "s").Should().Be("/api/v1/namespaces/n/secrets/s");
        ResourceType.Of<V1Lease>().CollectionPath(null).Should().Be("/apis/coordination.k8s.io/v1/leases");
        ResourceType.Of<Desktop>().CollectionPath("n").Should().Be("/apis/lebureau.io/v1alpha1/namespaces/n/desktops");
        ObjectKey.Parse("n/d").Should().Be(("n", "d"));
        ObjectKey.Parse("cluster-scoped").Should().Be(((string?)null, "cluster-scoped"));
    }
}
