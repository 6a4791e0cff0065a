using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LeBureau.AgentContract;

namespace LeBureau.DesktopAgent.Chat;

/// <summary>
/// One event of a chat turn, sent as SSE <c>data: {"type":…,"payload":…}</c> like the platform's other streams.
/// Types (<see cref="ChatEventTypes"/>): <c>start</c> {messageId, userMessageId}; <c>text</c> {messageId, delta}; <c>tool_start</c> {messageId,
/// stepId, tool, action, input}; <c>tool_finish</c> {messageId, stepId, tool, action, isError, output, image,
/// durationMs}; then exactly one of <c>done</c> {messageId, response} or <c>error</c> {messageId, code, message,
/// status, retryAfterSeconds}.
/// </summary>
public sealed record ChatEvent(string Type, JsonObject Payload)
{
    /// <summary>True for the last event of a turn.</summary>
    public bool IsFinal => ChatEventTypes.IsFinal(Type);

    /// <summary>The SSE frame with sequence number <paramref name="sequence"/> as its <c>id:</c>.</summary>
    public byte[] Frame(int sequence) =>
        Encoding.UTF8.GetBytes($"id: {sequence}\ndata: {new JsonObject { ["type"] = Type, ["payload"] = Payload.DeepClone() }.ToJsonString(JsonOptions)}\n\n");

    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
