namespace LeBureau.Operator.Runtime;

/// <summary>A token bucket that hands out reservations: each call takes a token and says how long to wait for it.</summary>
public sealed class TokenBucket
{
    private readonly double _rate;
    private readonly double _burst;
    private double _tokens;
    private DateTimeOffset _last;

    public TokenBucket(double ratePerSecond, int burst, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ratePerSecond);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(burst);
        _rate = ratePerSecond;
        _burst = burst;
        _tokens = burst;
        _last = now;
    }

    /// <summary>Takes a token at <paramref name="now"/>: zero when one was available, else the wait until it is.</summary>
    public TimeSpan Reserve(DateTimeOffset now)
    {
        if (now > _last)
        {
            _tokens = Math.Min(_burst, _tokens + (now - _last).TotalSeconds * _rate);
            _last = now;
        }
        _tokens -= 1;
        return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / _rate);
    }
}
