using k8s.Models;
using LeBureau.Operator.Runtime;
using LeBureau.Operator.Tests.Infrastructure;
using LeBureau.Resources;
using LeBureau.Testing;

namespace LeBureau.Operator.Tests.Integration;

/// <summary>Optimistic concurrency of the runtime's writes against a real API server (no operator running).</summary>
[Collection(OperatorCollection.Name)]
public sealed class ConcurrencyTests(ControlPlaneFixture fixture) : IAsyncLifetime
{
    private DesktopApi _desktops = null!;

    public async Task InitializeAsync() => _desktops = new DesktopApi(fixture.Client, await fixture.CreateNamespaceAsync("conflict"));

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_status_write_from_a_stale_object_is_retried_and_loses_no_update()
    {
        var stale = await _desktops.CreateAsync("c1");
        await _desktops.PatchSpecAsync("c1", new { displayName = "changed meanwhile" });

        var writer = new StatusWriter<Desktop, Desktop.DesktopStatus>(_desktops.Client);
        var written = await writer.WriteAsync(stale, new Desktop.DesktopStatus { Phase = DesktopPhase.Booting, Message = "hello" });

        written!.Status.Phase.Should().Be(DesktopPhase.Booting);
        var stored = (await _desktops.GetAsync("c1"))!;
        stored.Spec.DisplayName.Should().Be("changed meanwhile");
        stored.Status.Message.Should().Be("hello");
    }

    [Fact]
    public async Task An_unchanged_status_is_not_written()
    {
        var desktop = await _desktops.CreateAsync("c2");
        var writer = new StatusWriter<Desktop, Desktop.DesktopStatus>(_desktops.Client);
        var first = await writer.WriteAsync(desktop, new Desktop.DesktopStatus { Phase = DesktopPhase.Pending });
        var second = await writer.WriteAsync(first!, new Desktop.DesktopStatus { Phase = DesktopPhase.Pending });
        second!.Metadata.ResourceVersion.Should().Be(first!.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task A_finalizer_patch_from_a_stale_object_is_refused_with_409()
    {
        var stale = await _desktops.CreateAsync("c3");
        await _desktops.PatchSpecAsync("c3", new { displayName = "moved on" });
        var act = () => _desktops.Client.AddFinalizerAsync(stale, Finalizers.DesktopCleanup);
        (await act.Should().ThrowAsync<KubeApiException>()).Which.IsConflict.Should().BeTrue();
        var fresh = (await _desktops.GetAsync("c3"))!;
        var added = await _desktops.Client.AddFinalizerAsync(fresh, Finalizers.DesktopCleanup);
        added.Metadata.Finalizers.Should().Equal(Finalizers.DesktopCleanup);
        var removed = await _desktops.Client.RemoveFinalizerAsync(added, Finalizers.DesktopCleanup);
        removed!.Metadata.Finalizers.Should().BeNullOrEmpty();
    }

    [Fact]
    public async Task The_informer_indexes_and_announces_changes()
    {
        var informer = new Informer<Desktop>(_desktops.Client, new InformerOptions { Namespaces = [_desktops.Namespace] },
            Microsoft.Extensions.Logging.Abstractions.NullLogger<Informer<Desktop>>.Instance);
        informer.AddIndex("tier", d => [d.Spec.Tier.ToString()]);
        var seen = new System.Collections.Concurrent.ConcurrentQueue<(k8s.WatchEventType, string)>();
        informer.Changed += (type, old, current) => seen.Enqueue((type, (current ?? old)!.Metadata.Name));
        using var cts = new CancellationTokenSource();
        var run = informer.RunAsync(cts.Token);
        await informer.WaitForSyncAsync(cts.Token);
        await _desktops.CreateAsync("i1", s => s.Tier = Tier.Max);
        await Eventually.Until(() => Task.FromResult(informer.ByIndex("tier", "Max")), l => l.Any(d => d.Metadata.Name == "i1"), because: "indexed");
        await _desktops.Client.DeleteAsync(_desktops.Namespace, "i1");
        await Eventually.Until(() => Task.FromResult(informer.Get(_desktops.Namespace, "i1")), d => d is null, because: "removed");
        informer.ByIndex("tier", "Max").Should().NotContain(d => d.Metadata.Name == "i1");
        seen.Should().Contain((k8s.WatchEventType.Added, "i1")).And.Contain((k8s.WatchEventType.Deleted, "i1"));
        await cts.CancelAsync();
        await run;
    }
}
