namespace LeBureau.Operator.Runtime;

/// <summary>What an <see cref="Informer{T}"/> watches and how often it resyncs.</summary>
public sealed class InformerOptions
{
    /// <summary>Namespaces to watch; null or empty watches all namespaces (and cluster-scoped kinds ignore it).</summary>
    public IReadOnlyList<string>? Namespaces { get; set; }

    /// <summary>Label selector applied to list and watch. Default none.</summary>
    public string? LabelSelector { get; set; }

    /// <summary>How often every cached object is re-announced as Modified (with ±10 % jitter); zero disables. Default 10 minutes.</summary>
    public TimeSpan ResyncPeriod { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Server-side timeout of one watch request (randomised up to twice this). Default 5 minutes.</summary>
    public TimeSpan WatchTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Longest wait between reconnect attempts (exponential from 200 ms). Default 30 s.</summary>
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(30);
}
