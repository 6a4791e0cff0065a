using System.Text;

namespace LeBureau.Operator.Machines;

/// <summary>
/// What a desktop's chat agent is given (<see cref="ChatDelivery.Settings"/>): provider, model and base URL, the provider
/// key, and for memory the embeddings key, model and base URL (no embeddings key: memory off). The keys are the values
/// read from the user's Secrets; <see cref="ToString"/> leaves them out so that a logged request shows none.
/// </summary>
/// <param name="Provider">The provider's name as the agent reads it: anthropic, openai or openrouter.</param>
/// <param name="Model">The model; null for the provider's default.</param>
/// <param name="ApiKey">The provider API key.</param>
/// <param name="BaseUrl">The provider's base URL; null for the provider's own.</param>
/// <param name="EmbeddingsApiKey">The embeddings API key; null when the desktop has no embeddings (memory off).</param>
/// <param name="EmbeddingsModel">The embeddings model; null for the provider's default.</param>
/// <param name="EmbeddingsBaseUrl">The embeddings base URL; null for the provider's own.</param>
public sealed record ChatSettings(
    string Provider,
    string? Model,
    string ApiKey,
    string? BaseUrl,
    string? EmbeddingsApiKey,
    string? EmbeddingsModel,
    string? EmbeddingsBaseUrl)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Provider = ").Append(Provider)
            .Append(", Model = ").Append(Model)
            .Append(", BaseUrl = ").Append(BaseUrl)
            .Append(", Embeddings = ").Append(EmbeddingsApiKey is null ? "off" : "on")
            .Append(", EmbeddingsModel = ").Append(EmbeddingsModel)
            .Append(", EmbeddingsBaseUrl = ").Append(EmbeddingsBaseUrl);
        return true;
    }
}
