using System.Text.Json.Serialization;

namespace LeBureau.Mcp;

/// <summary>An AI provider of a desktop's chat agent, as tools accept it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ProviderName>))]
public enum ProviderName
{
    [JsonStringEnumMemberName("anthropic")] Anthropic,
    [JsonStringEnumMemberName("openai")] OpenAI,
    [JsonStringEnumMemberName("openrouter")] OpenRouter,
}
