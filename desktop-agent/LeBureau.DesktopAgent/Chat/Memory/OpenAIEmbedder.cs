using System.ClientModel;
using System.ClientModel.Primitives;
using OpenAI;
using OpenAI.Embeddings;

namespace LeBureau.DesktopAgent.Chat.Memory;

/// <summary>
/// Embeddings through the official OpenAI SDK. Anthropic has no embeddings API, so every provider's memory speaks
/// OpenAI's embeddings protocol: at <see cref="ChatSettings.EmbeddingsBaseUrl"/> when set, else OpenRouter's API for
/// openrouter, the provider's base URL for openai, and OpenAI's own API for anthropic.
/// </summary>
public sealed class OpenAIEmbedder(ChatSettings settings, int retries) : IEmbedder
{
    private readonly EmbeddingClient _client = Create(settings, retries);

    /// <inheritdoc />
    public async Task<float[]> EmbedAsync(string text, CancellationToken cancellationToken)
    {
        var result = await _client.GenerateEmbeddingAsync(text, cancellationToken: cancellationToken);
        return result.Value.ToFloats().ToArray();
    }

    private static EmbeddingClient Create(ChatSettings settings, int retries)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var options = new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(retries) };
        var endpoint = settings.EmbeddingsBaseUrl ?? settings.Provider switch
        {
            ProviderKind.OpenRouter => ChatSettings.OpenRouterUrl,
            ProviderKind.OpenAI => settings.BaseUrl,
            _ => null,
        };
        if (endpoint is not null) options.Endpoint = endpoint;
        return new EmbeddingClient(settings.EmbeddingsModel, new ApiKeyCredential(settings.EmbeddingsApiKey!), options);
    }
}
