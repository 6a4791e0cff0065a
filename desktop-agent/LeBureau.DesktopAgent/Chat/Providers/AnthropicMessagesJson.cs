using System.Buffers;
using System.Text.Json;
using LeBureau.DesktopAgent.Chat.Model;
using LeBureau.DesktopAgent.Chat.Tools;

namespace LeBureau.DesktopAgent.Chat.Providers;

/// <summary>
/// The <c>messages</c> of an Anthropic request written straight to JSON, the screenshots base64-encoded into the
/// writer's buffer. The same JSON as the SDK's typed params (<c>BetaUserMessageParam</c>, <c>BetaToolResultBlockParam</c>,
/// <c>BetaImageBlockParam</c>…; a test holds them equal), but those turn every property into a
/// <see cref="JsonElement"/> as it is set, so each screenshot was serialised and parsed again at every level of
/// nesting: with three screenshots kept, about 2 MB five times per model call — the largest cost of a tool step.
/// Cache breakpoints as in <see cref="AnthropicChatModel"/>: on the newest message's last block.
/// </summary>
internal static class AnthropicMessagesJson
{
    public static JsonElement Write(IReadOnlyList<TranscriptEntry> transcript)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        var buffer = new ArrayBufferWriter<byte>(EstimatedLength(transcript));
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            json.WriteStartArray();
            for (var i = 0; i < transcript.Count; i++)
            {
                var last = i == transcript.Count - 1;
                json.WriteStartObject();
                switch (transcript[i])
                {
                    case UserEntry user:
                        json.WriteString("role", "user");
                        json.WriteStartArray("content");
                        if (user.Recalled is { } recalled) Text(json, recalled);
                        Text(json, user.Text, cached: last);
                        break;
                    case AssistantEntry assistant:
                        json.WriteString("role", "assistant");
                        json.WriteStartArray("content");
                        Assistant(json, assistant);
                        break;
                    case ToolResultsEntry results:
                        json.WriteString("role", "user");
                        json.WriteStartArray("content");
                        for (var r = 0; r < results.Results.Count; r++) Result(json, results.Results[r], cached: last && r == results.Results.Count - 1);
                        break;
                    default:
                        throw new InvalidOperationException($"unknown transcript entry {transcript[i].GetType().Name}");
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    private static void Assistant(Utf8JsonWriter json, AssistantEntry assistant)
    {
        if (assistant.Text.Length > 0) Text(json, assistant.Text);
        foreach (var call in assistant.Calls)
        {
            json.WriteStartObject();
            json.WriteString("type", "tool_use");
            json.WriteString("id", call.Id);
            json.WriteString("name", call.Name);
            json.WriteStartObject("input");
            if (call.Input.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in call.Input.EnumerateObject()) property.WriteTo(json);
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        // The API refuses an empty assistant turn.
        if (assistant.Text.Length == 0 && assistant.Calls.Count == 0) Text(json, "(no answer)");
    }

    private static void Result(Utf8JsonWriter json, ToolResult result, bool cached)
    {
        json.WriteStartObject();
        json.WriteString("type", "tool_result");
        json.WriteString("tool_use_id", result.CallId);
        json.WriteStartArray("content");
        if (result.Output.Text.Length > 0 || result.Output.Image is null) Text(json, result.Output.Text.Length > 0 ? result.Output.Text : "(no output)");
        if (result.Output.Image is { } image)
        {
            json.WriteStartObject();
            json.WriteString("type", "image");
            json.WriteStartObject("source");
            json.WriteString("type", "base64");
            json.WriteBase64String("data", image.Bytes);
            json.WriteString("media_type", image.MediaType == "image/jpeg" ? "image/jpeg" : "image/png");
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteBoolean("is_error", result.Output.IsError);
        CacheControl(json, cached);
        json.WriteEndObject();
    }

    private static void Text(Utf8JsonWriter json, string text)
    {
        json.WriteStartObject();
        json.WriteString("type", "text");
        json.WriteString("text", text);
        json.WriteEndObject();
    }

    // Where the typed params set CacheControl (to a breakpoint or to null), the SDK writes the property, null included.
    private static void Text(Utf8JsonWriter json, string text, bool cached)
    {
        json.WriteStartObject();
        json.WriteString("type", "text");
        json.WriteString("text", text);
        CacheControl(json, cached);
        json.WriteEndObject();
    }

    private static void CacheControl(Utf8JsonWriter json, bool cached)
    {
        if (cached)
        {
            json.WriteStartObject("cache_control");
            json.WriteString("type", "ephemeral");
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("cache_control");
        }
    }

    private static int EstimatedLength(IReadOnlyList<TranscriptEntry> transcript)
    {
        long images = 0;
        foreach (var entry in transcript)
        {
            if (entry is ToolResultsEntry results)
            {
                foreach (var result in results.Results) images += result.Output.Image?.Bytes.Length ?? 0;
            }
        }
        return (int)Math.Min(int.MaxValue / 2, (images * 4 / 3) + (transcript.Count * 512) + 4096);
    }
}
