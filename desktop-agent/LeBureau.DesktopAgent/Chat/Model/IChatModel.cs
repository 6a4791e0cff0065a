namespace LeBureau.DesktopAgent.Chat.Model;

/// <summary>
/// A provider's model behind one shape: stream one answer, reporting text as it arrives. Ours rather than
/// Microsoft.Extensions.AI's IChatClient: Anthropic's native computer, bash and text-editor tools (typed tool versions
/// with their beta header and display size) and its cache breakpoints have no place in that abstraction, and a loop
/// that runs tools itself needs nothing of it but this one call; the official SDKs do the wire work either way.
/// </summary>
public interface IChatModel
{
    /// <summary>
    /// Calls the model once. <paramref name="onText"/> receives text deltas in order. Provider failures are thrown as
    /// <see cref="ProviderException"/>; cancellation as <see cref="OperationCanceledException"/>.
    /// </summary>
    Task<ModelReply> CompleteAsync(ModelRequest request, Func<string, ValueTask> onText, CancellationToken cancellationToken);
}
