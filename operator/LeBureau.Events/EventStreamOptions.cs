namespace LeBureau.Events;

/// <summary>Where events live in Redis and how many each tenant's stream keeps.</summary>
public sealed class EventStreamOptions
{
    /// <summary>ConnectionString is the StackExchange.Redis configuration, e.g. <c>127.0.0.1:6379</c>. Required.</summary>
    public string ConnectionString { get; set; } = "127.0.0.1:6379";

    /// <summary>KeyPrefix of the per-tenant streams (<c>{prefix}{namespace}</c>). Default <c>lebureau:events:</c>.</summary>
    public string KeyPrefix { get; set; } = "lebureau:events:";

    /// <summary>Channel carries every new entry for the api-servers' live fan-out. Default <c>lebureau:events</c>.</summary>
    public string Channel { get; set; } = "lebureau:events";

    /// <summary>MaxLength caps each tenant's stream (approximate trim); replay reaches back this far. Default 10000.</summary>
    public int MaxLength { get; set; } = 10_000;

    /// <summary>ClientBuffer is how many events may wait for one SSE client before it is dropped as too slow. Default 1024.</summary>
    public int ClientBuffer { get; set; } = 1024;

    /// <summary>KeepAlive is the interval of SSE comment lines on an idle stream. Default 15 s.</summary>
    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The stream key of a tenant.</summary>
    public string StreamKey(string tenant) => KeyPrefix + tenant;

    /// <summary>The hash that remembers, per tenant, the last state published for each dedup key.</summary>
    public string LastStateKey(string tenant) => KeyPrefix + tenant + ":last";
}
