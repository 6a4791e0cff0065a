namespace LeBureau.Events;

/// <summary>
/// The clients of one tenant on one replica and the newest entry delivered to them. Entries at or before
/// <see cref="Last"/> are ignored, which makes live delivery and catch-up reads safe to overlap.
/// </summary>
internal sealed class TenantFeed(StreamId last)
{
    private readonly object _gate = new();
    private readonly List<EventSubscription> _clients = [];

    public StreamId Last { get { lock (_gate) return last; } }

    public int Count { get { lock (_gate) return _clients.Count; } }

    public EventSubscription Join(int capacity, Func<PlatformEvent, bool> filter)
    {
        var subscription = new EventSubscription(capacity, filter, Leave);
        lock (_gate) _clients.Add(subscription);
        return subscription;
    }

    public void GoLive(EventSubscription subscription, StreamId replayedUpTo)
    {
        lock (_gate)
        {
            if (!subscription.GoLive(replayedUpTo)) Drop(subscription);
        }
    }

    public void Deliver(PlatformEvent e)
    {
        var id = StreamId.Parse(e.Id);
        lock (_gate)
        {
            if (id <= last) return;
            last = id;
            for (var i = _clients.Count - 1; i >= 0; i--)
            {
                if (!_clients[i].Offer(e)) Drop(_clients[i]);
            }
        }
    }

    private void Drop(EventSubscription subscription)
    {
        subscription.Drop();
        _clients.Remove(subscription);
    }

    private void Leave(EventSubscription subscription)
    {
        lock (_gate) _clients.Remove(subscription);
    }
}
