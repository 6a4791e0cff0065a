using LeBureau.Resources;

namespace LeBureau.ApiServer.Desktops;

/// <summary>Body of <c>POST /api/desktops</c>.</summary>
/// <param name="Name">Display name (1–128 characters). Required.</param>
/// <param name="Tier">free | pro | max. Required.</param>
/// <param name="ProviderConfig">The AI provider credentials (BYOK). Required.</param>
public sealed record CreateDesktopRequest(string? Name, Tier? Tier, ProviderConfigRequest? ProviderConfig)
{
    /// <summary>The first problem with the request, naming the field; null when valid.</summary>
    public string? Validate() =>
        DesktopValidation.Name(Name, required: true)
        ?? (Tier is null ? "'tier' is required (free, pro or max)." : null)
        ?? (ProviderConfig is null ? "'providerConfig' is required." : ProviderConfig.Validate());
}

/// <summary>AI provider credentials of a new desktop. The keys go into a Secret, never into the Desktop or a response.</summary>
/// <param name="Provider">anthropic | openai | openrouter. Required.</param>
/// <param name="ApiKey">The provider API key. Required.</param>
/// <param name="Model">Model override.</param>
/// <param name="EmbeddingsApiKey">Embeddings API key, for persistent memory.</param>
/// <param name="EmbeddingsModel">Embeddings model name.</param>
public sealed record ProviderConfigRequest(ProviderName? Provider, string? ApiKey, string? Model, string? EmbeddingsApiKey, string? EmbeddingsModel)
{
    public string? Validate() =>
        Provider is null ? "'providerConfig.provider' is required (anthropic, openai or openrouter)."
        : string.IsNullOrWhiteSpace(ApiKey) ? "'providerConfig.apiKey' is required."
        : Model is { Length: > 256 } ? "'providerConfig.model' is longer than 256 characters."
        : EmbeddingsModel is { Length: > 256 } ? "'providerConfig.embeddingsModel' is longer than 256 characters."
        : EmbeddingsApiKey is { } e && string.IsNullOrWhiteSpace(e) ? "'providerConfig.embeddingsApiKey' is empty."
        : null;
}
