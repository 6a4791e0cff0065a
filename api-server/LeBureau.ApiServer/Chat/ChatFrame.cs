using System.Text;
using System.Text.Json.Nodes;
using LeBureau.AgentContract;

namespace LeBureau.ApiServer.Chat;

/// <summary>
/// One event of a chat turn as the desktop agent streamed it (<c>{"type":…,"payload":…}</c>): start, text,
/// tool_start, tool_finish, then done or error. Frame is what the chat/stream route sends for it.
/// </summary>
public sealed record ChatFrame(int Sequence, string Type, JsonObject Payload)
{
    /// <summary>True for the last event of a turn.</summary>
    public bool IsFinal => ChatEventTypes.IsFinal(Type);

    /// <summary>The SSE bytes: <c>id:</c> (the event's number in the turn) and <c>data:</c>.</summary>
    public ReadOnlyMemory<byte> Frame => Encoding.UTF8.GetBytes(
        $"id: {Sequence}\ndata: {new JsonObject { ["type"] = Type, ["payload"] = Payload.DeepClone() }.ToJsonString()}\n\n");

    /// <summary>The messageId the payload names.</summary>
    public string? MessageId => Payload["messageId"]?.GetValue<string>();

    /// <summary>Parses one SSE <c>data:</c> line's JSON; null when it is not an event.</summary>
    public static ChatFrame? Parse(int sequence, string data)
    {
        try
        {
            return JsonNode.Parse(data) is JsonObject o && o["type"] is JsonValue type && type.TryGetValue<string>(out var name) && o["payload"] is JsonObject payload
                ? new ChatFrame(sequence, name, (JsonObject)payload.DeepClone())
                : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>The error event for a turn whose stream ended without its final event.</summary>
    public static ChatFrame Broken(int sequence, string? messageId, string message) => new(sequence, ChatEventTypes.Error, new JsonObject
    {
        ["messageId"] = messageId, ["code"] = "agent_error", ["message"] = message, ["status"] = 502,
    });
}
