using StackExchange.Redis;

namespace LeBureau.Events;

/// <summary>
/// The Redis side of events: append to a tenant's capped stream and publish the entry on the channel in one
/// atomic script; read ranges back for replay. Only moves data: callers decide what to send.
/// </summary>
public sealed class RedisEventLog(IConnectionMultiplexer redis, EventStreamOptions options)
{
    // KEYS[1] stream, KEYS[2] last-state hash; ARGV: maxlen, channel, tenant, type, payload, dedupKey, dedupValue.
    private const string AppendScript = """
        if ARGV[6] ~= '' then
          if redis.call('HGET', KEYS[2], ARGV[6]) == ARGV[7] then return false end
          redis.call('HSET', KEYS[2], ARGV[6], ARGV[7])
        end
        local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'type', ARGV[4], 'payload', ARGV[5])
        redis.call('PUBLISH', ARGV[2], ARGV[3] .. '\n' .. id .. '\n' .. ARGV[4] .. '\n' .. ARGV[5])
        return id
        """;

    /// <summary>The options in use.</summary>
    public EventStreamOptions Options => options;

    /// <summary>Appends and publishes <paramref name="draft"/>; null when its dedup state was already published.</summary>
    public async Task<string?> AppendAsync(EventDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var result = await redis.GetDatabase().ScriptEvaluateAsync(AppendScript,
            [options.StreamKey(draft.Tenant), options.LastStateKey(draft.Tenant)],
            [options.MaxLength, options.Channel, draft.Tenant, draft.Type, draft.Payload, draft.DedupKey ?? "", draft.DedupValue ?? ""]);
        return result.IsNull ? null : result.ToString();
    }

    /// <summary>Entries of <paramref name="tenant"/> after <paramref name="after"/> (exclusive), oldest first.</summary>
    public async Task<IReadOnlyList<PlatformEvent>> ReadAfterAsync(string tenant, StreamId after, int count = 1000)
    {
        var entries = await redis.GetDatabase().StreamRangeAsync(options.StreamKey(tenant), $"({after}", "+", count);
        return [.. entries.Select(e => ToEvent(tenant, e))];
    }

    /// <summary>The oldest and newest ids the tenant's stream holds; null when it is empty.</summary>
    public async Task<(StreamId Oldest, StreamId Newest)?> BoundsAsync(string tenant)
    {
        var db = redis.GetDatabase();
        var key = options.StreamKey(tenant);
        var first = await db.StreamRangeAsync(key, "-", "+", 1);
        if (first.Length == 0) return null;
        var last = await db.StreamRangeAsync(key, "-", "+", 1, Order.Descending);
        return (StreamId.Parse(first[0].Id!), StreamId.Parse(last[0].Id!));
    }

    /// <summary>Parses a channel message (<c>tenant\nid\ntype\npayload</c>); null when it is not one of ours.</summary>
    public static PlatformEvent? ParseMessage(string message)
    {
        var parts = message.Split('\n', 4);
        return parts.Length == 4 && StreamId.TryParse(parts[1], out _) ? new PlatformEvent(parts[1], parts[0], parts[2], parts[3]) : null;
    }

    private static PlatformEvent ToEvent(string tenant, StreamEntry entry) =>
        new(entry.Id!, tenant, entry["type"]!, entry["payload"]!);
}
