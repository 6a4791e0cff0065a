using System.Text.Json.Serialization;

namespace LeBureau.DesktopAgent.Chat.Memory;

/// <summary>One remembered exchange: its text (the user's message and the answer, shortened) and its embedding.</summary>
public sealed record MemoryEntry(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("createdAt")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("vector")] float[] Vector);
