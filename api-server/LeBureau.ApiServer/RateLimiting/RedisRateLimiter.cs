using LeBureau.ApiServer.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace LeBureau.ApiServer.RateLimiting;

/// <summary>
/// Per-key sliding-window counters in Redis, shared by every replica. One Lua script trims the window,
/// counts and admits atomically. Redis unreachable → the request is allowed (fail open), a line is logged, and Redis is skipped for
/// <see cref="RetryDelay"/> so that requests do not each wait for a timeout.
/// </summary>
internal sealed class RedisRateLimiter : IAsyncDisposable
{
    // KEYS[1] window set; ARGV: now (ms), window (ms), limit, member. Returns {admitted, count, oldest ms}.
    private const string Script = """
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[1]) - tonumber(ARGV[2]))
        local count = redis.call('ZCARD', KEYS[1])
        local admitted = 0
        if count < tonumber(ARGV[3]) then
          redis.call('ZADD', KEYS[1], ARGV[1], ARGV[4])
          count = count + 1
          admitted = 1
        end
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
        return {admitted, count, oldest[2] or ARGV[1]}
        """;

    private readonly string? _connectionString;
    private readonly ILogger<RedisRateLimiter> _logger;
    private readonly SemaphoreSlim _connecting = new(1, 1);
    private ConnectionMultiplexer? _redis;
    private long _retryAtTicks;

    /// <summary>After a failure, requests skip Redis (fail open) for this long instead of each waiting for a timeout.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    public RedisRateLimiter(IOptions<RedisOptions> options, ILogger<RedisRateLimiter> logger)
    {
        _connectionString = options.Value.ConnectionString;
        _logger = logger;
        if (string.IsNullOrWhiteSpace(_connectionString)) ApiServerLog.RateLimitDisabled(logger);
    }

    /// <summary>Admits or refuses one request of <paramref name="bucket"/>; null when no decision could be made (fail open).</summary>
    public async Task<RateLimitVerdict?> CheckAsync(string bucket, int limit, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(_connectionString) || now.UtcTicks < Interlocked.Read(ref _retryAtTicks)) return null;
        try
        {
            var redis = await ConnectAsync(cancellationToken);
            var nowMs = now.ToUnixTimeMilliseconds();
            var reply = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(Script,
                [new RedisKey($"lebureau:ratelimit:{bucket}")],
                [nowMs, (long)RateLimitDecision.Window.TotalMilliseconds, limit, $"{nowMs}-{Guid.NewGuid():N}"]))!;
            var oldest = DateTimeOffset.FromUnixTimeMilliseconds((long)reply[2]);
            return RateLimitDecision.Decide((int)reply[0] == 1, (long)reply[1], oldest, limit, now);
        }
        catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException)
        {
            Interlocked.Exchange(ref _retryAtTicks, (now + RetryDelay).UtcTicks);
            ApiServerLog.RateLimitFailOpen(_logger, e.Message);
            return null;
        }
    }

    private async Task<ConnectionMultiplexer> ConnectAsync(CancellationToken cancellationToken)
    {
        if (_redis is { } existing) return existing;
        await _connecting.WaitAsync(cancellationToken);
        try
        {
            if (_redis is null)
            {
                var config = ConfigurationOptions.Parse(_connectionString!);
                config.AbortOnConnectFail = false;
                config.ConnectTimeout = 2000;
                config.SyncTimeout = 2000;
                config.AsyncTimeout = 2000;
                _redis = await ConnectionMultiplexer.ConnectAsync(config);
            }
            return _redis;
        }
        finally
        {
            _connecting.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_redis is not null) await _redis.DisposeAsync();
        _connecting.Dispose();
    }
}
