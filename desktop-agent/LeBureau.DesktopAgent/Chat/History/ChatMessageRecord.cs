using System.Text.Json.Serialization;

namespace LeBureau.DesktopAgent.Chat.History;

/// <summary>
/// One message of a desktop's conversation, as <c>GET /chat/messages</c> shows it and the history file keeps it.
/// Role is <c>user</c> or <c>assistant</c>. Status: a user message is <c>sent</c>; an assistant message is
/// <c>running</c> while its turn runs, then <c>done</c> or <c>error</c> (with Error). Steps are the tool calls the
/// assistant made, in order. ReplyTo is the user message an assistant message answers.
/// </summary>
public sealed record ChatMessageRecord(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("content")] string Content,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("createdAt")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("completedAt")] DateTimeOffset? CompletedAt = null,
    [property: JsonPropertyName("replyTo")] string? ReplyTo = null,
    [property: JsonPropertyName("steps")] IReadOnlyList<ToolStepRecord>? Steps = null,
    [property: JsonPropertyName("error")] ChatFailure? Error = null)
{
    public const string User = "user";
    public const string Assistant = "assistant";
    public const string Sent = "sent";
    public const string Running = "running";
    public const string Done = "done";
    public const string Failed = "error";
}
