using System.Text.Json.Serialization;

namespace LeBureau.AgentContract;

/// <summary>
/// A run as the agent knows it (answer of <c>POST /runs</c>, <c>GET /runs/{id}</c>, <c>POST /runs/{id}/cancel</c>),
/// kept on the desktop's data disk so it outlives an agent restart. Output: a command's stdout, then its stderr after a
/// <c>[stderr]</c> line; a prompt's answer. At most <see cref="MaxOutputChars"/> characters, OutputTruncated saying it
/// was cut. ExitCode for commands (128 + signal when killed); MessageId for prompts (the chat history's message);
/// Error explains a failure, a cancellation or a timeout.
/// </summary>
public sealed record RunState(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("kind")] RunKind Kind,
    [property: JsonPropertyName("status")] RunStatus Status,
    [property: JsonPropertyName("output")] string Output,
    [property: JsonPropertyName("outputTruncated")] bool OutputTruncated,
    [property: JsonPropertyName("exitCode")] int? ExitCode,
    [property: JsonPropertyName("messageId")] string? MessageId,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("startedAt")] DateTimeOffset StartedAt,
    [property: JsonPropertyName("completedAt")] DateTimeOffset? CompletedAt)
{
    /// <summary>The output cap: 64 KiB of text.</summary>
    public const int MaxOutputChars = 65_536;

    /// <summary>True once the run ended.</summary>
    [JsonIgnore]
    public bool IsFinal => Status != RunStatus.Running;
}
