using System.Text.Json;
using System.Text.Json.Serialization;

namespace LeBureau.DesktopAgent.Chat.History;

/// <summary>
/// One tool call of an assistant message: the tool, its input (long strings shortened), what it returned to the
/// model (text, capped; Image says a screenshot went with it), whether that was an error, and when and how long.
/// </summary>
public sealed record ToolStepRecord(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("tool")] string Tool,
    [property: JsonPropertyName("action")] string? Action,
    [property: JsonPropertyName("input")] JsonElement Input,
    [property: JsonPropertyName("output")] string Output,
    [property: JsonPropertyName("image")] bool Image,
    [property: JsonPropertyName("isError")] bool IsError,
    [property: JsonPropertyName("startedAt")] DateTimeOffset StartedAt,
    [property: JsonPropertyName("durationMs")] long DurationMs);
