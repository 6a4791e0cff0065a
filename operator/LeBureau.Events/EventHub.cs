using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace LeBureau.Events;

/// <summary>
/// An api-server replica's single Redis subscription, fanned out to its SSE clients per tenant. Live entries
/// come from the channel; after a reconnect (and every few seconds as a safety net) each tenant catches up
/// from its stream, so entries published while the subscription was down are delivered too, once, in order.
/// </summary>
public sealed partial class EventHub(IConnectionMultiplexer redis, RedisEventLog log, ILogger<EventHub> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, TenantFeed> _feeds = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the live subscription is in place.</summary>
    public Task Subscribed => _subscribed.Task;

    /// <summary>Number of connected clients, for metrics and tests.</summary>
    public int ClientCount => _feeds.Values.Sum(f => f.Count);

    /// <summary>
    /// Subscribes a client to <paramref name="tenant"/>'s events that pass <paramref name="filter"/>, replaying
    /// those after <paramref name="lastEventId"/> first. A malformed or too old id starts from now with a notice.
    /// </summary>
    public async Task<EventSubscription> SubscribeAsync(string tenant, Func<PlatformEvent, bool> filter, string? lastEventId,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var feed = await GetFeedAsync(tenant);
        var subscription = feed.Join(log.Options.ClientBuffer, filter);
        var replayedUpTo = StreamId.Zero;
        try
        {
            if (lastEventId is not null)
            {
                (replayedUpTo, subscription.Notice) = await ReplayAsync(tenant, lastEventId, subscription, cancellationToken);
            }
        }
        catch (Exception e) when (IsRedisFailure(e))
        {
            Log.ReplayFailed(logger, tenant, e.Message);
            subscription.Notice = Reset(tenant, StreamId.Zero, "events could not be replayed (the event store is unavailable); the stream starts from now");
        }
        feed.GoLive(subscription, replayedUpTo);
        return subscription;
    }

    private async Task<(StreamId, PlatformEvent?)> ReplayAsync(string tenant, string lastEventId, EventSubscription subscription,
        CancellationToken cancellationToken)
    {
        var bounds = await log.BoundsAsync(tenant);
        var newest = bounds?.Newest ?? StreamId.Zero;
        if (!StreamId.TryParse(lastEventId, out var after))
        {
            return (newest, Reset(tenant, newest, "Last-Event-ID is not an event id; the stream starts from now"));
        }
        if (bounds is not { } b || after < b.Oldest || after > b.Newest)
        {
            return (newest, Reset(tenant, newest, "Last-Event-ID is older than the stream keeps; the stream starts from now"));
        }
        var cursor = after;
        while (!cancellationToken.IsCancellationRequested)
        {
            var page = await log.ReadAfterAsync(tenant, cursor);
            if (page.Count == 0) break;
            foreach (var e in page)
            {
                if (!subscription.Replay(e)) subscription.Drop();
                cursor = StreamId.Parse(e.Id);
            }
        }
        return (cursor, null);
    }

    private static PlatformEvent Reset(string tenant, StreamId id, string reason) =>
        new(id.ToString(), tenant, EventTypes.StreamReset, JsonSerializer.Serialize(new { reason }));

    private async Task<TenantFeed> GetFeedAsync(string tenant)
    {
        if (_feeds.TryGetValue(tenant, out var feed)) return feed;
        StreamId newest;
        try
        {
            newest = (await log.BoundsAsync(tenant))?.Newest ?? StreamId.Zero;
        }
        catch (Exception e) when (IsRedisFailure(e))
        {
            newest = StreamId.Zero;
        }
        return _feeds.GetOrAdd(tenant, _ => new TenantFeed(newest));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        redis.ConnectionRestored += (_, _) => _ = CatchUpAllAsync(stoppingToken);
        var queue = await SubscribeWithRetryAsync(stoppingToken);
        if (queue is null) return;
        _subscribed.TrySetResult();
        var live = ReadLiveAsync(queue, stoppingToken);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await CatchUpAllAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // One bad pass (a malformed stream entry, anything unforeseen) never ends the hub: the next tick tries again.
                    Log.CatchUpFailed(logger, e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        await queue.UnsubscribeAsync();
        await live;
    }

    private async Task<ChannelMessageQueue?> SubscribeWithRetryAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                return await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(log.Options.Channel));
            }
            catch (Exception e) when (IsRedisFailure(e))
            {
                Log.SubscribeFailed(logger, e.Message);
                try { await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken); } catch (OperationCanceledException) { }
            }
        }
        return null;
    }

    private async Task ReadLiveAsync(ChannelMessageQueue queue, CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var message = await queue.ReadAsync(stoppingToken);
                if (RedisEventLog.ParseMessage(message.Message.ToString()) is { } e && _feeds.TryGetValue(e.Tenant, out var feed))
                {
                    feed.Deliver(e);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or System.Threading.Channels.ChannelClosedException)
        {
            // Unsubscribed or shutting down.
        }
    }

    private async Task CatchUpAllAsync(CancellationToken cancellationToken)
    {
        foreach (var (tenant, feed) in _feeds)
        {
            if (feed.Count == 0) continue;
            try
            {
                IReadOnlyList<PlatformEvent> page;
                do
                {
                    page = await log.ReadAfterAsync(tenant, feed.Last);
                    foreach (var e in page) feed.Deliver(e);
                } while (page.Count > 0 && !cancellationToken.IsCancellationRequested);
            }
            catch (Exception e) when (IsRedisFailure(e))
            {
                // Redis is still away: the next tick or the reconnect catches up.
            }
        }
    }

    /// <summary>
    /// Redis is away or too slow: a connection failure (<see cref="RedisException"/>) or a command that timed out
    /// (<see cref="RedisTimeoutException"/> is a <see cref="TimeoutException"/>, not a RedisException). Never fatal to a
    /// background loop: it logs, waits and goes on.
    /// </summary>
    internal static bool IsRedisFailure(Exception e) => e is RedisException or TimeoutException;

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "could not subscribe to events yet: {Error}")]
        public static partial void SubscribeFailed(ILogger logger, string error);

        [LoggerMessage(Level = LogLevel.Warning, Message = "catching up with the event streams failed; retrying at the next tick: {Error}")]
        public static partial void CatchUpFailed(ILogger logger, string error);

        [LoggerMessage(Level = LogLevel.Warning, Message = "could not replay events of {Tenant}: {Error}")]
        public static partial void ReplayFailed(ILogger logger, string tenant, string error);
    }
}
