using System.Text.Json;

namespace LeBureau.Client;

/// <summary>
/// One event of a chat turn as <c>chat/stream</c> sends it: <c>start</c>, <c>text</c> (payload.delta),
/// <c>tool_start</c>/<c>tool_finish</c> (payload.tool, action, input/output), then <c>done</c> (payload.response) or
/// <c>error</c> (payload.message, status, code).
/// </summary>
public sealed record ChatEvent(string Type, JsonElement Payload)
{
    /// <summary>True for the last event of a turn (done or error).</summary>
    public bool IsFinal => Type is "done" or "error";

    /// <summary>A string property of the payload, or null.</summary>
    public string? Text(string property) =>
        Payload.ValueKind == JsonValueKind.Object && Payload.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString() : null;
}
