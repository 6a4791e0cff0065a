namespace LeBureau.Operator.Events;

/// <summary>How the operator publishes events.</summary>
public sealed class DesktopEventOptions
{
    /// <summary>MetricsInterval is how often each ready desktop's agent is sampled for desktop.metrics. Default 10 s.</summary>
    public TimeSpan MetricsInterval { get; set; } = TimeSpan.FromSeconds(10);
}
