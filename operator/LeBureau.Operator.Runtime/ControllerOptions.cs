namespace LeBureau.Operator.Runtime;

/// <summary>How a <see cref="Controller{T}"/> runs.</summary>
public sealed class ControllerOptions
{
    /// <summary>Concurrent reconciles (of different keys). Default 4.</summary>
    public int Workers { get; set; } = 4;

    /// <summary>The queue's rate limits.</summary>
    public WorkQueueOptions Queue { get; set; } = new();
}
