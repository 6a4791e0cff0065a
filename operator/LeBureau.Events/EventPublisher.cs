using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace LeBureau.Events;

/// <summary>
/// Publishes events in order through an outbox: <see cref="Publish"/> never blocks the caller, and while Redis
/// is unreachable events wait (up to the outbox's size, oldest dropped first) and go out when it returns.
/// </summary>
public sealed partial class EventPublisher(RedisEventLog log, ILogger<EventPublisher> logger, TimeProvider? time = null) : BackgroundService
{
    private readonly Channel<EventDraft> _outbox = Channel.CreateBounded<EventDraft>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private long _published;
    private long _handled;

    /// <summary>How many events reached Redis (deduplicated ones excluded).</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>How many events left the outbox: published, or recognised by Redis as already published.</summary>
    public long Handled => Interlocked.Read(ref _handled);

    /// <summary>Queues <paramref name="draft"/> for publication.</summary>
    public void Publish(EventDraft draft) => _outbox.Writer.TryWrite(draft);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(100);
        await foreach (var draft in _outbox.Reader.ReadAllAsync(stoppingToken))
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    if (await log.AppendAsync(draft) is not null) Interlocked.Increment(ref _published);
                    Interlocked.Increment(ref _handled);
                    delay = TimeSpan.FromMilliseconds(100);
                    break;
                }
                catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException)
                {
                    Log.RedisUnavailable(logger, draft.Type, delay, e.Message);
                    await Task.Delay(delay, _time, stoppingToken);
                    delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 5000));
                }
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "redis unavailable, holding {Type} and retrying in {Delay}: {Error}")]
        public static partial void RedisUnavailable(ILogger logger, string type, TimeSpan delay, string error);
    }
}
