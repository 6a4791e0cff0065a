namespace LeBureau.Operator.Runtime;

/// <summary>The non-generic face of an <see cref="Informer{T}"/>, for hosts that start and await many.</summary>
public interface IInformer
{
    /// <summary>The kind watched.</summary>
    ResourceType Type { get; }

    /// <summary>True once every watched namespace has been listed.</summary>
    bool HasSynced { get; }

    /// <summary>Lists and watches until cancelled.</summary>
    Task RunAsync(CancellationToken cancellationToken);

    /// <summary>Completes once <see cref="HasSynced"/> is true.</summary>
    Task WaitForSyncAsync(CancellationToken cancellationToken);
}
