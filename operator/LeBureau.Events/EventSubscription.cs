using System.Threading.Channels;

namespace LeBureau.Events;

/// <summary>One SSE client's view of its tenant's events: replayed ones first, then live ones, in id order.</summary>
public sealed class EventSubscription : IDisposable
{
    private readonly Channel<PlatformEvent> _channel;
    private readonly Func<PlatformEvent, bool> _filter;
    private readonly Action<EventSubscription> _leave;
    private List<PlatformEvent>? _pending = [];

    internal EventSubscription(int capacity, Func<PlatformEvent, bool> filter, Action<EventSubscription> leave)
    {
        _channel = Channel.CreateBounded<PlatformEvent>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        _filter = filter;
        _leave = leave;
    }

    /// <summary>The events, in order. Completes with <see cref="SlowConsumerException"/> when the client fell too far behind.</summary>
    public ChannelReader<PlatformEvent> Events => _channel.Reader;

    /// <summary>Set when the requested Last-Event-ID could not be replayed: a <c>stream.reset</c> event to send first.</summary>
    public PlatformEvent? Notice { get; internal set; }

    /// <summary>Called under the feed's lock: buffers while replaying, else delivers. False when the client's buffer is full.</summary>
    internal bool Offer(PlatformEvent e)
    {
        if (_pending is not null)
        {
            _pending.Add(e);
            return true;
        }
        return !_filter(e) || _channel.Writer.TryWrite(e);
    }

    /// <summary>Delivers a replayed event (before going live).</summary>
    internal bool Replay(PlatformEvent e) => !_filter(e) || _channel.Writer.TryWrite(e);

    /// <summary>Called under the feed's lock: delivers what arrived during the replay (after <paramref name="replayedUpTo"/>) and goes live.</summary>
    internal bool GoLive(StreamId replayedUpTo)
    {
        var pending = _pending ?? [];
        _pending = null;
        foreach (var e in pending)
        {
            if (StreamId.Parse(e.Id) > replayedUpTo && !Offer(e)) return false;
        }
        return true;
    }

    internal void Drop() => _channel.Writer.TryComplete(new SlowConsumerException());

    public void Dispose()
    {
        _channel.Writer.TryComplete();
        _leave(this);
    }
}
