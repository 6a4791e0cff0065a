namespace LeBureau.DesktopAgent.Chat;

/// <summary>
/// The chat agent's resolved provider: what <see cref="ChatOptions"/> and the <c>LEBUREAU_*</c> environment give,
/// keys read from their files. <see cref="ToString"/> never shows a key.
/// </summary>
public sealed record ChatSettings(
    ProviderKind Provider,
    string Model,
    string ApiKey,
    Uri? BaseUrl,
    string? EmbeddingsApiKey,
    string EmbeddingsModel,
    Uri? EmbeddingsBaseUrl,
    string DataDirectory)
{
    /// <summary>OpenRouter's API base URL.</summary>
    public static readonly Uri OpenRouterUrl = new("https://openrouter.ai/api/v1");

    /// <summary>The model used when none is configured: the provider's current general model with computer use.</summary>
    public static string DefaultModel(ProviderKind provider) => provider switch
    {
        ProviderKind.Anthropic => "claude-opus-4-5",
        ProviderKind.OpenAI => "gpt-4.1",
        _ => "anthropic/claude-sonnet-4.5",
    };

    /// <summary>The embeddings model used when none is configured.</summary>
    public static string DefaultEmbeddingsModel(ProviderKind provider) =>
        provider == ProviderKind.OpenRouter ? "openai/text-embedding-3-small" : "text-embedding-3-small";

    /// <summary>True when memory is on (an embeddings key was delivered).</summary>
    public bool HasMemory => EmbeddingsApiKey is not null;

    /// <summary>The settings, or null with the reason chat is off (no provider, unknown provider, no key).</summary>
    public static ChatSettings? Resolve(ChatOptions options, Func<string, string?> environment, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        string? Env(string name) => environment(name) is { Length: > 0 } value ? value.Trim() : null;

        var providerName = options.Provider ?? Env("LEBUREAU_PROVIDER");
        if (providerName is null)
        {
            reason = "chat is not configured on this desktop: it has no LLM provider";
            return null;
        }
        if (!Enum.TryParse<ProviderKind>(providerName, ignoreCase: true, out var provider) || !Enum.IsDefined(provider))
        {
            reason = $"chat is not configured on this desktop: unknown provider '{providerName}' (anthropic, openai or openrouter)";
            return null;
        }
        var key = ReadKey(options.ApiKeyFile) ?? Env("LEBUREAU_PROVIDER_KEY");
        if (key is null)
        {
            reason = "chat is not configured on this desktop: no provider API key was delivered";
            return null;
        }
        reason = null;
        return new ChatSettings(
            provider,
            options.Model ?? Env("LEBUREAU_MODEL") ?? DefaultModel(provider),
            key,
            Url(options.BaseUrl ?? Env("LEBUREAU_PROVIDER_BASE_URL")),
            ReadKey(options.EmbeddingsApiKeyFile) ?? Env("LEBUREAU_EMBEDDINGS_KEY"),
            options.EmbeddingsModel ?? Env("LEBUREAU_EMBEDDINGS_MODEL") ?? DefaultEmbeddingsModel(provider),
            Url(options.EmbeddingsBaseUrl ?? Env("LEBUREAU_EMBEDDINGS_BASE_URL")),
            AgentDataDirectory.Resolve(options.DataDirectory, environment));
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Provider} model {Model}{(BaseUrl is null ? "" : $" at {BaseUrl}")}, memory {(HasMemory ? $"on ({EmbeddingsModel})" : "off")}, data {DataDirectory}";

    private static string? ReadKey(string? file) =>
        file is null || !File.Exists(file) ? null : File.ReadAllText(file).Trim() is { Length: > 0 } key ? key : null;

    private static Uri? Url(string? text) => text is null ? null : new Uri(text.TrimEnd('/'));
}
