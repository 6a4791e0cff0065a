using System.Text.Json.Serialization;

namespace LeBureau.DesktopAgent.Chat.History;

/// <summary>Why a turn failed: the code (<c>provider_auth</c>…), our message, the HTTP status the chat routes answer, and the provider's Retry-After.</summary>
public sealed record ChatFailure(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("retryAfterSeconds")] int? RetryAfterSeconds = null);
