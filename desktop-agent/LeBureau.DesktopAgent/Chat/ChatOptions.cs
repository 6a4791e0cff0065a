using System.ComponentModel.DataAnnotations;

namespace LeBureau.DesktopAgent.Chat;

/// <summary>
/// The chat agent's settings, bound from the <c>Chat</c> configuration section (<c>--Chat:X=</c>, <c>Chat__X</c>).
/// The operator's pod and KubeVirt runtimes hand over the provider as <c>LEBUREAU_*</c> environment variables
/// instead; <see cref="ChatSettings.Resolve"/> reads those when the section leaves a value unset.
/// </summary>
public sealed class ChatOptions
{
    public const string Section = "Chat";

    /// <summary>Provider: anthropic, openai or openrouter (env LEBUREAU_PROVIDER). No provider: chat answers 503.</summary>
    public string? Provider { get; set; }

    /// <summary>Model: overrides the provider's default model (env LEBUREAU_MODEL). See <see cref="ChatSettings.DefaultModel"/>.</summary>
    public string? Model { get; set; }

    /// <summary>ApiKeyFile: a file holding the provider key (whitespace trimmed). Else env LEBUREAU_PROVIDER_KEY.</summary>
    public string? ApiKeyFile { get; set; }

    /// <summary>BaseUrl: the provider's API base URL, for gateways (env LEBUREAU_PROVIDER_BASE_URL). Default: the provider's own.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>EmbeddingsApiKeyFile: a file holding the embeddings key; with it memory is on. Else env LEBUREAU_EMBEDDINGS_KEY.</summary>
    public string? EmbeddingsApiKeyFile { get; set; }

    /// <summary>EmbeddingsModel: the embeddings model (env LEBUREAU_EMBEDDINGS_MODEL). Default text-embedding-3-small (openrouter: openai/text-embedding-3-small).</summary>
    public string? EmbeddingsModel { get; set; }

    /// <summary>EmbeddingsBaseUrl: an OpenAI-compatible embeddings endpoint (env LEBUREAU_EMBEDDINGS_BASE_URL). Default: OpenRouter's for openrouter, else OpenAI's.</summary>
    public string? EmbeddingsBaseUrl { get; set; }

    /// <summary>DataDirectory: where history and memory are kept, on the desktop's data disk (env LEBUREAU_DATA_DIR). Default ~/.lebureau.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>MaxSteps: model calls per message before the turn ends with step_limit. Default 40.</summary>
    [Range(1, 1000)]
    public int MaxSteps { get; set; } = 40;

    /// <summary>StepTimeout: how long one model call may take (a hang past it ends the turn with provider_timeout). Default 2 min.</summary>
    public TimeSpan StepTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>TurnTimeout: how long one message may take in all (turn_timeout). Default 20 min.</summary>
    public TimeSpan TurnTimeout { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>MaxTokens: the output token limit of one model call. Default 4096.</summary>
    [Range(1, 1_000_000)]
    public int MaxTokens { get; set; } = 4096;

    /// <summary>MaxMessageLength: longer user messages are refused with 400. Default 32 000 characters.</summary>
    [Range(1, 10_000_000)]
    public int MaxMessageLength { get; set; } = 32_000;

    /// <summary>ContextBudget: characters of earlier conversation sent with a new message; older turns are left out of the context (not of the history). Default 60 000.</summary>
    [Range(0, 10_000_000)]
    public int ContextBudget { get; set; } = 60_000;

    /// <summary>KeepImages: screenshots kept in the context of a turn; older ones are replaced by a note. Default 3.</summary>
    [Range(1, 100)]
    public int KeepImages { get; set; } = 3;

    /// <summary>MaxStoredMessages: messages kept in the history file; the oldest are dropped beyond it. Default 1000.</summary>
    [Range(2, 1_000_000)]
    public int MaxStoredMessages { get; set; } = 1000;

    /// <summary>Recall: earlier exchanges recalled from memory into a new message's context. Default 3.</summary>
    [Range(0, 50)]
    public int Recall { get; set; } = 3;

    /// <summary>RecallThreshold: the least cosine similarity for a memory to be recalled. Default 0.2.</summary>
    [Range(-1.0, 1.0)]
    public double RecallThreshold { get; set; } = 0.2;

    /// <summary>ProviderRetries: retries of a failed provider call by the SDK (429/5xx/connection). Default 0: the error reaches the caller at once, with Retry-After.</summary>
    [Range(0, 10)]
    public int ProviderRetries { get; set; }

    /// <summary>OpenRouterReferer: the HTTP-Referer attribution header sent to OpenRouter. Default https://github.com/lebureau/lebureau.</summary>
    public string OpenRouterReferer { get; set; } = "https://github.com/lebureau/lebureau";

    /// <summary>OpenRouterTitle: the X-Title attribution header sent to OpenRouter. Default Le Bureau.</summary>
    public string OpenRouterTitle { get; set; } = "Le Bureau";
}
