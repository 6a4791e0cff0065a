using LeBureau.Resources;

namespace LeBureau.Operator.Machines;

/// <summary>
/// What a desktop's chat agent gets (pure): which of the user's Secret keys it reads and the settings built from them and
/// the operator's options. The embeddings key is the Secret named by spec.provider.embeddings.secretRef, the provider
/// key when embeddings names none, and nothing without an embeddings block (memory off).
/// </summary>
public static class ChatDelivery
{
    /// <summary>The agent's name of <paramref name="provider"/>: anthropic, openai or openrouter.</summary>
    public static string Name(ProviderName provider) => provider.ToString().ToLowerInvariant();

    /// <summary>Where the embeddings key of <paramref name="provider"/> is; null when it has no embeddings.</summary>
    public static SecretKeyRef? EmbeddingsSecretRef(Desktop.ProviderSpec provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        return provider.Embeddings is { } embeddings ? embeddings.SecretRef ?? provider.SecretRef : null;
    }

    /// <summary>The names of the Secrets <paramref name="desktop"/>'s chat agent reads (its provider's and its embeddings').</summary>
    public static IReadOnlyList<string> SecretNames(Desktop desktop)
    {
        ArgumentNullException.ThrowIfNull(desktop);
        if (desktop.Spec.Provider is not { } provider) return [];
        return EmbeddingsSecretRef(provider) is { } embeddings && embeddings.Name != provider.SecretRef.Name
            ? [provider.SecretRef.Name, embeddings.Name]
            : [provider.SecretRef.Name];
    }

    /// <summary>The base URL of <paramref name="provider"/> from <see cref="OperatorOptions.ProviderBaseUrls"/> (names match in any case); null for the provider's own.</summary>
    public static string? BaseUrl(OperatorOptions options, ProviderName provider)
    {
        ArgumentNullException.ThrowIfNull(options);
        var name = Name(provider);
        foreach (var (key, url) in options.ProviderBaseUrls)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrEmpty(url)) return url;
        }
        return null;
    }

    /// <summary>
    /// The settings of a desktop with <paramref name="provider"/>, given the keys read from its Secrets (<paramref name="embeddingsKey"/>
    /// null when <see cref="EmbeddingsSecretRef"/> is). The embeddings model and base URL go only with an embeddings key.
    /// </summary>
    public static ChatSettings Settings(Desktop.ProviderSpec provider, string apiKey, string? embeddingsKey, OperatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(apiKey);
        ArgumentNullException.ThrowIfNull(options);
        var memory = embeddingsKey is not null;
        return new ChatSettings(
            Name(provider.Name),
            provider.Model,
            apiKey,
            BaseUrl(options, provider.Name),
            embeddingsKey,
            memory ? provider.Embeddings?.Model : null,
            memory && !string.IsNullOrEmpty(options.EmbeddingsBaseUrl) ? options.EmbeddingsBaseUrl : null);
    }
}
