using System.Text.Json;
using LeBureau.Client;

namespace LeBureau.Mcp;

/// <summary>The progress message for a chat event, or null when it is not worth one (pure).</summary>
public static class ChatProgress
{
    private const int MaxLength = 200;

    public static string? Describe(ChatEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Type switch
        {
            "start" => "The agent started.",
            "text" => Cut(e.Text("delta")),
            "tool_start" => Cut($"Using {e.Text("tool") ?? "a tool"}{(e.Text("action") is { } a ? $": {a}" : "")}{Input(e.Payload)}"),
            "tool_finish" => Cut($"Finished {e.Text("tool") ?? "a tool"}{(e.Text("action") is { } a ? $": {a}" : "")}"),
            _ => null,
        };
    }

    private static string Input(JsonElement payload) =>
        payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty("input", out var input) && input.ValueKind == JsonValueKind.Object
            ? " " + input.GetRawText() : "";

    private static string? Cut(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Length <= MaxLength ? text : text[..MaxLength] + "…";
}
