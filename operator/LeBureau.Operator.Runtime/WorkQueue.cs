namespace LeBureau.Operator.Runtime;

/// <summary>
/// A work queue of keys (namespace/name): a key is queued at most once, is never handed to two workers at
/// once (a key added while it is processed is handed out again after <see cref="Done"/>), can be delayed
/// (<see cref="AddAfter"/>: the earliest due time wins) and retried with per-key exponential backoff bounded
/// by an overall token bucket (<see cref="AddRateLimited"/>). All time comes from the <see cref="TimeProvider"/>.
/// </summary>
public sealed class WorkQueue : IDisposable
{
    private readonly TimeProvider _time;
    private readonly WorkQueueOptions _options;
    private readonly Lock _gate = new();
    private readonly Queue<string> _ready = new();
    private readonly HashSet<string> _dirty = [];
    private readonly HashSet<string> _processing = [];
    private readonly Dictionary<string, DateTimeOffset> _waiting = [];
    private readonly PriorityQueue<string, DateTimeOffset> _timeline = new();
    private readonly Dictionary<string, int> _failures = [];
    private readonly SemaphoreSlim _available = new(0);
    private readonly TokenBucket _bucket;
    private readonly ITimer _timer;
    private DateTimeOffset? _armedFor;

    /// <summary>The longest single timer wait; longer delays are armed in steps.</summary>
    public static readonly TimeSpan LongestTimer = TimeSpan.FromDays(1);

    public WorkQueue(TimeProvider time, WorkQueueOptions? options = null)
    {
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _options = options ?? new WorkQueueOptions();
        _bucket = new TokenBucket(_options.RatePerSecond, _options.Burst, time.GetUtcNow());
        _timer = time.CreateTimer(_ => Promote(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Keys ready to be handed out.</summary>
    public int Depth
    {
        get { lock (_gate) return _ready.Count; }
    }

    /// <summary>Keys waiting for a delay to pass.</summary>
    public int Waiting
    {
        get { lock (_gate) return _waiting.Count; }
    }

    /// <summary>Queues <paramref name="key"/> now, unless it is already queued.</summary>
    public void Add(string key)
    {
        lock (_gate) AddLocked(key);
    }

    /// <summary>Queues <paramref name="key"/> after <paramref name="delay"/>; an earlier pending due time of the same key wins.</summary>
    public void AddAfter(string key, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(key);
            return;
        }
        lock (_gate)
        {
            var due = _time.GetUtcNow() + delay;
            if (_waiting.TryGetValue(key, out var existing) && existing <= due) return;
            _waiting[key] = due;
            _timeline.Enqueue(key, due);
            ArmLocked();
        }
    }

    /// <summary>Queues <paramref name="key"/> after its backoff: 5 ms doubled per failure up to the maximum, and no sooner than the token bucket allows.</summary>
    public TimeSpan AddRateLimited(string key)
    {
        TimeSpan delay;
        lock (_gate)
        {
            var failures = _failures[key] = _failures.GetValueOrDefault(key) + 1;
            delay = Backoff(failures, _options);
            var bucket = _bucket.Reserve(_time.GetUtcNow());
            if (bucket > delay) delay = bucket;
        }
        AddAfter(key, delay);
        return delay;
    }

    /// <summary>The per-key delay after <paramref name="failures"/> consecutive failures.</summary>
    public static TimeSpan Backoff(int failures, WorkQueueOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var exponent = Math.Min(Math.Max(failures - 1, 0), 62);
        var ticks = options.BaseDelay.Ticks * Math.Pow(2, exponent);
        return ticks >= options.MaxDelay.Ticks ? options.MaxDelay : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>Clears the failure count of <paramref name="key"/> (after a success).</summary>
    public void Forget(string key)
    {
        lock (_gate) _failures.Remove(key);
    }

    /// <summary>Consecutive failures recorded for <paramref name="key"/>.</summary>
    public int Failures(string key)
    {
        lock (_gate) return _failures.GetValueOrDefault(key);
    }

    /// <summary>Waits for a key and marks it as processing; call <see cref="Done"/> when finished.</summary>
    public async Task<string> TakeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await _available.WaitAsync(cancellationToken);
            lock (_gate)
            {
                if (_ready.TryDequeue(out var key))
                {
                    _dirty.Remove(key);
                    _processing.Add(key);
                    return key;
                }
            }
        }
    }

    /// <summary>Marks <paramref name="key"/> as processed; if it was added meanwhile, it is queued again.</summary>
    public void Done(string key)
    {
        lock (_gate)
        {
            _processing.Remove(key);
            if (_dirty.Contains(key)) Enqueue(key);
        }
    }

    /// <summary>Moves every delayed key whose time has come into the queue (the timer calls this; tests may too).</summary>
    public void Promote()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            while (_timeline.TryPeek(out var key, out var due) && due <= now)
            {
                _timeline.Dequeue();
                if (_waiting.TryGetValue(key, out var current) && current == due)
                {
                    _waiting.Remove(key);
                    AddLocked(key);
                }
            }
            _armedFor = null;
            ArmLocked();
        }
    }

    private void AddLocked(string key)
    {
        if (!_dirty.Add(key)) return;
        if (!_processing.Contains(key)) Enqueue(key);
    }

    private void Enqueue(string key)
    {
        _ready.Enqueue(key);
        _available.Release();
    }

    private void ArmLocked()
    {
        while (_timeline.TryPeek(out var key, out var due) && (!_waiting.TryGetValue(key, out var current) || current != due))
        {
            _timeline.Dequeue();
        }
        if (!_timeline.TryPeek(out _, out var next) || _armedFor <= next) return;
        // A timer takes at most ~49.7 days (uint milliseconds); a longer wait (an ApiKey expiring in a year) is armed in
        // steps of a day: each firing promotes nothing yet and arms the next step.
        var now = _time.GetUtcNow();
        var wait = next - now;
        wait = wait <= TimeSpan.Zero ? TimeSpan.Zero : wait > LongestTimer ? LongestTimer : wait;
        _armedFor = now + wait;
        _timer.Change(wait, Timeout.InfiniteTimeSpan);
    }

    public void Dispose()
    {
        _timer.Dispose();
        _available.Dispose();
    }
}
