namespace LeBureau.DesktopAgent.Chat.Memory;

/// <summary>Turns text into an embedding vector.</summary>
public interface IEmbedder
{
    /// <summary>The embedding of <paramref name="text"/>.</summary>
    Task<float[]> EmbedAsync(string text, CancellationToken cancellationToken);
}
