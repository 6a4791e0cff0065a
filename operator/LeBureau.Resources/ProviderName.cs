using System.Text.Json.Serialization;

namespace LeBureau.Resources;

/// <summary>The LLM provider whose API the desktop's chat agent calls with the user's own key.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ProviderName>))]
public enum ProviderName
{
    /// <summary>Anthropic's Messages API.</summary>
    [JsonStringEnumMemberName("anthropic")] Anthropic,

    /// <summary>OpenAI's Chat Completions API.</summary>
    [JsonStringEnumMemberName("openai")] OpenAI,

    /// <summary>OpenRouter, through its OpenAI-compatible API.</summary>
    [JsonStringEnumMemberName("openrouter")] OpenRouter,
}
