using System.Collections.Concurrent;
using k8s.Models;
using LeBureau.ControlPlane;
using LeBureau.Operator.Runtime;
using LeBureau.Operator.Tests.Infrastructure;
using LeBureau.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace LeBureau.Operator.Tests.Integration;

/// <summary>The generic controller over a real API server: one reconcile per key at a time, requeues, deleted objects skipped.</summary>
[Collection(OperatorCollection.Name)]
public sealed class ControllerTests(ControlPlaneFixture fixture)
{
    private sealed class RecordingReconciler : IReconciler<V1ConfigMap>
    {
        private readonly ConcurrentDictionary<string, int> _inFlight = new();

        public ConcurrentDictionary<string, int> Calls { get; } = new();

        public int MaxConcurrentPerKey;

        public async Task<ReconcileResult> ReconcileAsync(V1ConfigMap entity, CancellationToken cancellationToken)
        {
            var key = entity.Metadata.Name;
            var now = _inFlight.AddOrUpdate(key, 1, (_, n) => n + 1);
            InterlockedMax(ref MaxConcurrentPerKey, now);
            Calls.AddOrUpdate(key, 1, (_, n) => n + 1);
            await Task.Delay(50, cancellationToken);
            _inFlight.AddOrUpdate(key, 0, (_, n) => n - 1);
            return entity.Metadata.Labels?.ContainsKey("requeue") == true
                ? ReconcileResult.RequeueAfter(TimeSpan.FromMilliseconds(200))
                : entity.Metadata.Labels?.ContainsKey("fail") == true ? ReconcileResult.Failure("asked to fail") : ReconcileResult.Success;
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int seen;
            while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
        }
    }

    private sealed class SyncRecordingReconciler(IInformer secondary) : IReconciler<V1ConfigMap>
    {
        public ConcurrentQueue<bool> SecondarySynced { get; } = new();

        public Task<ReconcileResult> ReconcileAsync(V1ConfigMap entity, CancellationToken cancellationToken)
        {
            SecondarySynced.Enqueue(secondary.HasSynced);
            return Task.FromResult(ReconcileResult.Success);
        }
    }

    [Fact]
    public async Task No_reconcile_starts_before_every_informer_the_controller_watches_has_synced()
    {
        var ns = await fixture.CreateNamespaceAsync("coldstart");
        var api = new KubeApi(fixture.Client);
        var configMaps = new ResourceClient<V1ConfigMap>(api);
        await configMaps.CreateAsync(new V1ConfigMap { ApiVersion = "v1", Kind = "ConfigMap", Metadata = new V1ObjectMeta { Name = "existing", NamespaceProperty = ns } });
        var primary = new Informer<V1ConfigMap>(configMaps, new InformerOptions { Namespaces = [ns] }, NullLogger<Informer<V1ConfigMap>>.Instance);
        var secrets = new Informer<V1Secret>(new ResourceClient<V1Secret>(api), new InformerOptions { Namespaces = [ns] }, NullLogger<Informer<V1Secret>>.Instance);
        var reconciler = new SyncRecordingReconciler(secrets);
        var controller = new Controller<V1ConfigMap>("coldstart", primary, reconciler, null, NullLogger<Controller<V1ConfigMap>>.Instance);
        controller.Watches(secrets, s => [ObjectKey.Of(ns, "existing")]);
        using var cts = new CancellationTokenSource();
        var runs = Task.WhenAll(primary.RunAsync(cts.Token), controller.RunAsync(cts.Token));
        await primary.WaitForSyncAsync(cts.Token);

        // The secondary cache is late (a cold start): a controller that does not wait reconciles "existing" now.
        await WaitFor.ConditionAsync(_ => Task.FromResult(!reconciler.SecondarySynced.IsEmpty), TimeSpan.FromSeconds(2));
        var secondaryRun = secrets.RunAsync(cts.Token);
        await Eventually.Until(() => Task.FromResult(reconciler.SecondarySynced.Count), n => n >= 1, because: "the controller starts once the secondary cache has synced");

        reconciler.SecondarySynced.Should().AllSatisfy(synced => synced.Should().BeTrue("a reconcile reads the secondary cache"));
        await cts.CancelAsync();
        try { await Task.WhenAll(runs, secondaryRun); } catch (OperationCanceledException) { }
    }

    [Fact]
    public async Task A_key_is_never_reconciled_twice_at_once_and_requeues_and_failures_come_back()
    {
        var ns = await fixture.CreateNamespaceAsync("controller");
        var api = new KubeApi(fixture.Client);
        var configMaps = new ResourceClient<V1ConfigMap>(api);
        var informer = new Informer<V1ConfigMap>(configMaps, new InformerOptions { Namespaces = [ns] }, NullLogger<Informer<V1ConfigMap>>.Instance);
        var reconciler = new RecordingReconciler();
        var controller = new Controller<V1ConfigMap>("test", informer, reconciler, new ControllerOptions { Workers = 8 }, NullLogger<Controller<V1ConfigMap>>.Instance);
        using var cts = new CancellationTokenSource();
        var runs = Task.WhenAll(informer.RunAsync(cts.Token), controller.RunAsync(cts.Token));

        await configMaps.CreateAsync(new V1ConfigMap { ApiVersion = "v1", Kind = "ConfigMap", Metadata = new V1ObjectMeta { Name = "busy", NamespaceProperty = ns } });
        for (var i = 0; i < 20; i++)
        {
            await configMaps.MergePatchAsync(ns, "busy", new { data = new Dictionary<string, string> { ["i"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) } });
        }
        await configMaps.CreateAsync(new V1ConfigMap
        {
            ApiVersion = "v1", Kind = "ConfigMap", Metadata = new V1ObjectMeta { Name = "ticker", NamespaceProperty = ns, Labels = new Dictionary<string, string> { ["requeue"] = "" } },
        });
        await configMaps.CreateAsync(new V1ConfigMap
        {
            ApiVersion = "v1", Kind = "ConfigMap", Metadata = new V1ObjectMeta { Name = "broken", NamespaceProperty = ns, Labels = new Dictionary<string, string> { ["fail"] = "" } },
        });

        await Eventually.Until(() => Task.FromResult(reconciler.Calls.GetValueOrDefault("ticker")), n => n >= 4, because: "RequeueAfter brings the key back");
        await Eventually.Until(() => Task.FromResult(reconciler.Calls.GetValueOrDefault("broken")), n => n >= 4, because: "failures are retried with backoff");
        reconciler.MaxConcurrentPerKey.Should().Be(1);
        reconciler.Calls["busy"].Should().BeLessThan(22, "changes that arrive while a key waits are coalesced");
        controller.Queue.Failures($"{ns}/broken").Should().BeGreaterThan(0);

        await configMaps.DeleteAsync(ns, "ticker");
        await Eventually.Until(() => Task.FromResult(informer.Get(ns, "ticker")), c => c is null, because: "ticker deleted");
        var after = reconciler.Calls["ticker"];
        await Eventually.Until(() => Task.FromResult(reconciler.Calls.GetValueOrDefault("broken")), n => n >= 6, because: "time passes");
        reconciler.Calls["ticker"].Should().BeLessThanOrEqualTo(after + 1, "a deleted object is not reconciled");

        await cts.CancelAsync();
        await runs;
    }
}
