namespace LeBureau.Operator.Runtime;

/// <summary>Rate limits of a <see cref="WorkQueue"/> (controller-runtime's defaults).</summary>
public sealed class WorkQueueOptions
{
    /// <summary>First retry delay of a failing key, doubled per failure. Default 5 ms.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Longest retry delay of a failing key. Default 1000 s.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(1000);

    /// <summary>Overall retries per second allowed by the token bucket. Default 10.</summary>
    public double RatePerSecond { get; set; } = 10;

    /// <summary>Token bucket size. Default 100.</summary>
    public int Burst { get; set; } = 100;
}
