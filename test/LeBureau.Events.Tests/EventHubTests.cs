using System.Text.Json;
using LeBureau.Events;

namespace LeBureau.Events.Tests;

/// <summary>The Redis path of events — publisher, stream, pub/sub, hub — against a real redis-server.</summary>
public sealed class EventHubTests : IAsyncLifetime
{
    private readonly RedisEvents _redis = new();

    public Task InitializeAsync() => _redis.InitializeAsync();

    public Task DisposeAsync() => _redis.DisposeAsync();

    private static readonly Func<PlatformEvent, bool> Everything = _ => true;

    private static EventDraft Status(string tenant, int n) =>
        new(tenant, EventTypes.DesktopStatus, JsonSerializer.Serialize(new { id = "d", n }));

    private static async Task<List<PlatformEvent>> TakeAsync(EventSubscription subscription, int count, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        var taken = new List<PlatformEvent>();
        try
        {
            while (taken.Count < count) taken.Add(await subscription.Events.ReadAsync(deadline.Token));
        }
        catch (OperationCanceledException)
        {
            // Return what arrived; the assertion says what was missing.
        }
        return taken;
    }

    private static int N(PlatformEvent e) => JsonDocument.Parse(e.Payload).RootElement.GetProperty("n").GetInt32();

    [Fact]
    public async Task A_subscriber_receives_published_events_in_order_with_stream_ids()
    {
        var hub = await _redis.HubAsync();
        var publisher = await _redis.PublisherAsync();
        using var subscription = await hub.SubscribeAsync("alice", Everything, null, CancellationToken.None);

        for (var i = 1; i <= 20; i++) publisher.Publish(Status("alice", i));

        var events = await TakeAsync(subscription, 20);
        events.Select(N).Should().Equal(Enumerable.Range(1, 20));
        events.Select(e => StreamId.Parse(e.Id)).Should().BeInAscendingOrder();
        events.Should().OnlyContain(e => e.Tenant == "alice" && e.Type == EventTypes.DesktopStatus);
    }

    [Fact]
    public async Task Another_tenant_never_sees_the_events()
    {
        var hub = await _redis.HubAsync();
        var publisher = await _redis.PublisherAsync();
        using var bob = await hub.SubscribeAsync("bob", Everything, null, CancellationToken.None);
        using var alice = await hub.SubscribeAsync("alice", Everything, null, CancellationToken.None);

        publisher.Publish(Status("alice", 1));
        publisher.Publish(Status("bob", 2));

        (await TakeAsync(alice, 1)).Select(N).Should().Equal(1);
        var bobs = await TakeAsync(bob, 1);
        bobs.Select(N).Should().Equal(2);
        bob.Events.TryRead(out _).Should().BeFalse();
    }

    [Fact]
    public async Task Last_event_id_replays_exactly_what_was_missed()
    {
        var hub = await _redis.HubAsync();
        var publisher = await _redis.PublisherAsync();
        string lastSeen;
        using (var first = await hub.SubscribeAsync("alice", Everything, null, CancellationToken.None))
        {
            for (var i = 1; i <= 5; i++) publisher.Publish(Status("alice", i));
            var seen = await TakeAsync(first, 3);
            lastSeen = seen[^1].Id;
        }
        for (var i = 6; i <= 8; i++) publisher.Publish(Status("alice", i));
        var log = await _redis.LogAsync();
        (await WaitForStreamLength(log, "alice", 8)).Should().BeTrue();

        using var resumed = await hub.SubscribeAsync("alice", Everything, lastSeen, CancellationToken.None);
        publisher.Publish(Status("alice", 9));

        resumed.Notice.Should().BeNull();
        (await TakeAsync(resumed, 6)).Select(N).Should().Equal(4, 5, 6, 7, 8, 9);
    }

    [Theory]
    [InlineData("not-an-id")]
    [InlineData("1-")]
    [InlineData("'; DROP")]
    public async Task A_malformed_last_event_id_starts_from_now_and_says_so(string lastEventId)
    {
        var hub = await _redis.HubAsync();
        var publisher = await _redis.PublisherAsync();
        publisher.Publish(Status("alice", 1));
        (await WaitForStreamLength(await _redis.LogAsync(), "alice", 1)).Should().BeTrue();

        using var subscription = await hub.SubscribeAsync("alice", Everything, lastEventId, CancellationToken.None);
        publisher.Publish(Status("alice", 2));

        subscription.Notice.Should().NotBeNull();
        subscription.Notice!.Type.Should().Be(EventTypes.StreamReset);
        subscription.Notice.Payload.Should().Contain("starts from now").And.NotContain(lastEventId.Length > 2 ? lastEventId : "\u0000");
        (await TakeAsync(subscription, 1)).Select(N).Should().Equal(2);
    }

    [Fact]
    public async Task A_last_event_id_older_than_the_stream_keeps_starts_from_now_and_says_so()
    {
        var options = new EventStreamOptions { ConnectionString = _redis.Redis.ConnectionString, MaxLength = 10 };
        var hub = await _redis.HubAsync(options);
        var publisher = await _redis.PublisherAsync(options);
        var log = await _redis.LogAsync(options);
        publisher.Publish(Status("alice", 0));
        (await WaitForStreamLength(log, "alice", 1)).Should().BeTrue();
        var first = (await log.ReadAfterAsync("alice", StreamId.Zero))[0].Id;
        for (var i = 1; i <= 500; i++) publisher.Publish(Status("alice", i));
        (await WaitFor(async () => (await log.ReadAfterAsync("alice", StreamId.Zero, 1000)).Any(e => N(e) == 500))).Should().BeTrue();

        using var subscription = await hub.SubscribeAsync("alice", Everything, first, CancellationToken.None);

        subscription.Notice!.Type.Should().Be(EventTypes.StreamReset);
        subscription.Notice.Payload.Should().Contain("older than the stream keeps");
    }

    [Fact]
    public async Task The_same_transition_is_published_once_even_by_two_publishers()
    {
        var leaderA = await _redis.PublisherAsync();
        var leaderB = await _redis.PublisherAsync();
        var log = await _redis.LogAsync();
        var running = Status("alice", 1) with { DedupKey = "uid-1:status", DedupValue = "running" };

        leaderA.Publish(running);
        leaderB.Publish(running);
        (await WaitFor(() => Task.FromResult(leaderA.Handled == 1 && leaderB.Handled == 1))).Should().BeTrue();

        (leaderA.Published + leaderB.Published).Should().Be(1);
        (await log.ReadAfterAsync("alice", StreamId.Zero)).Should().HaveCount(1);

        leaderB.Publish(running with { DedupValue = "stopped" });
        (await WaitFor(() => Task.FromResult(leaderB.Handled == 2))).Should().BeTrue();

        (leaderA.Published + leaderB.Published).Should().Be(2);
        (await log.ReadAfterAsync("alice", StreamId.Zero)).Should().HaveCount(2);
    }

    [Fact]
    public async Task A_client_that_never_reads_is_dropped_without_stalling_the_others()
    {
        var options = new EventStreamOptions { ConnectionString = _redis.Redis.ConnectionString, ClientBuffer = 16 };
        var hub = await _redis.HubAsync(options);
        var publisher = await _redis.PublisherAsync(options);
        var stalled = await hub.SubscribeAsync("alice", Everything, null, CancellationToken.None);
        using var reader = await hub.SubscribeAsync("alice", Everything, null, CancellationToken.None);

        var received = new List<PlatformEvent>();
        for (var i = 1; i <= 100; i++)
        {
            publisher.Publish(Status("alice", i));
            received.AddRange(await TakeAsync(reader, 1));
        }

        received.Select(N).Should().Equal(Enumerable.Range(1, 100));
        var drained = new List<PlatformEvent>();
        var failure = async () => { await foreach (var e in stalled.Events.ReadAllAsync()) drained.Add(e); };
        await failure.Should().ThrowAsync<SlowConsumerException>();
        drained.Should().HaveCount(16, "the dropped client keeps only what its bounded buffer held");
        hub.ClientCount.Should().Be(1);
    }

    [Fact]
    public async Task Two_replicas_each_deliver_every_event_exactly_once()
    {
        var replicaA = await _redis.HubAsync();
        var replicaB = await _redis.HubAsync();
        var publisher = await _redis.PublisherAsync();
        using var onA = await replicaA.SubscribeAsync("alice", Everything, null, CancellationToken.None);
        using var onB = await replicaB.SubscribeAsync("alice", Everything, null, CancellationToken.None);

        for (var i = 1; i <= 30; i++) publisher.Publish(Status("alice", i));

        (await TakeAsync(onA, 30)).Select(N).Should().Equal(Enumerable.Range(1, 30));
        (await TakeAsync(onB, 30)).Select(N).Should().Equal(Enumerable.Range(1, 30));
        (await TakeAsync(onA, 1, TimeSpan.FromSeconds(6))).Should().BeEmpty("a catch-up read after live delivery must not repeat events");
    }

    [Fact]
    public async Task Redis_restarted_mid_stream_loses_nothing_and_repeats_nothing()
    {
        var hub = await _redis.HubAsync();
        var publisher = await _redis.PublisherAsync();
        using var subscription = await hub.SubscribeAsync("alice", Everything, null, CancellationToken.None);
        for (var i = 1; i <= 5; i++) publisher.Publish(Status("alice", i));
        (await TakeAsync(subscription, 5)).Select(N).Should().Equal(1, 2, 3, 4, 5);

        _redis.Redis.Stop();
        for (var i = 6; i <= 10; i++) publisher.Publish(Status("alice", i));
        await _redis.Redis.StartAsync();

        (await TakeAsync(subscription, 5, TimeSpan.FromSeconds(40))).Select(N).Should().Equal(6, 7, 8, 9, 10);
        (await TakeAsync(subscription, 1, TimeSpan.FromSeconds(6))).Should().BeEmpty();
    }

    [Fact]
    public async Task A_redis_that_stops_answering_times_commands_out_and_the_hub_goes_on_afterwards()
    {
        // A short command timeout, so that the frozen server times commands out (RedisTimeoutException, a
        // TimeoutException) while the connection stays up: that once escaped the hub's loop and stopped the api-server.
        var options = new EventStreamOptions { ConnectionString = _redis.Redis.ConnectionString + ",syncTimeout=300,asyncTimeout=300" };
        var hub = await _redis.HubAsync(options);
        var publisher = await _redis.PublisherAsync();
        using var subscription = await hub.SubscribeAsync("alice", Everything, null, CancellationToken.None);
        publisher.Publish(Status("alice", 1));
        (await TakeAsync(subscription, 1)).Select(N).Should().Equal(1);

        _redis.Redis.Pause();
        try
        {
            using var late = await hub.SubscribeAsync("alice", Everything, "0-1", CancellationToken.None);
            late.Notice.Should().NotBeNull("a replay that timed out says the stream starts from now");
            // The fault's duration, not a wait for a result: the server stays frozen across a catch-up tick of the hub
            // (every 5 s), whose reads then time out.
            await Task.Delay(TimeSpan.FromSeconds(6));
        }
        finally
        {
            _redis.Redis.Resume();
        }
        for (var i = 2; i <= 3; i++) publisher.Publish(Status("alice", i));

        // Events published after the server answers again arrive (a rare repeat of an earlier event after such a pause is
        // tolerated here: see the issue notes; exactly-once across a Redis restart is the test above).
        var seen = new List<int>();
        using (var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
        {
            while (!(seen.Contains(2) && seen.Contains(3)) && !deadline.IsCancellationRequested)
            {
                try { seen.Add(N(await subscription.Events.ReadAsync(deadline.Token))); }
                catch (OperationCanceledException) { break; }
            }
        }
        seen.Should().Contain([2, 3], "the hub went on after the timeouts");
        hub.ExecuteTask!.IsFaulted.Should().BeFalse("a timeout is never fatal to the hub");
    }

    private static Task<bool> WaitForStreamLength(RedisEventLog log, string tenant, int length) =>
        WaitFor(async () => (await log.ReadAfterAsync(tenant, StreamId.Zero)).Count >= length);

    private static Task<bool> WaitFor(Func<Task<bool>> condition) =>
        LeBureau.ControlPlane.WaitFor.ConditionAsync(_ => condition(), TimeSpan.FromSeconds(15));
}
