namespace LeBureau.AgentContract;

/// <summary>
/// The event types of a chat turn as the agent streams it from <c>POST chat</c> (each SSE <c>data:</c> is
/// <c>{"type":…,"payload":…}</c>) and the api-server relays it: start, text and tool steps, then exactly one of
/// <see cref="Done"/> or <see cref="Error"/>.
/// </summary>
public static class ChatEventTypes
{
    /// <summary>The turn started: {messageId, userMessageId}.</summary>
    public const string Start = "start";

    /// <summary>A piece of the answer: {messageId, delta}.</summary>
    public const string Text = "text";

    /// <summary>A tool call starts: {messageId, stepId, tool, action, input}.</summary>
    public const string ToolStart = "tool_start";

    /// <summary>A tool call ended: {messageId, stepId, tool, action, isError, output, image, durationMs}.</summary>
    public const string ToolFinish = "tool_finish";

    /// <summary>The answer: {messageId, response}.</summary>
    public const string Done = "done";

    /// <summary>The turn failed: {messageId, code, message, status, retryAfterSeconds}.</summary>
    public const string Error = "error";

    /// <summary>True for the last event of a turn.</summary>
    public static bool IsFinal(string type) => type is Done or Error;
}
