namespace LeBureau.Operator.Runtime;

/// <summary>The non-generic face of a <see cref="Controller{T}"/>, for the <see cref="ControllerManager"/>.</summary>
public interface IController
{
    /// <summary>The controller's name (metrics, logs).</summary>
    string Name { get; }

    /// <summary>Keys waiting to be reconciled now.</summary>
    int QueueDepth { get; }

    /// <summary>Queues every cached object, then runs the workers until cancelled.</summary>
    Task RunAsync(CancellationToken cancellationToken);
}
