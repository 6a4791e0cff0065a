namespace LeBureau.DesktopAgent.Chat.Model;

/// <summary>A provider's model behind one shape: stream one answer, reporting text as it arrives.</summary>
public interface IChatModel
{
    /// <summary>
    /// Calls the model once. <paramref name="onText"/> receives text deltas in order. Provider failures are thrown as
    /// <see cref="ProviderException"/>; cancellation as <see cref="OperationCanceledException"/>.
    /// </summary>
    Task<ModelReply> CompleteAsync(ModelRequest request, Func<string, ValueTask> onText, CancellationToken cancellationToken);
}
