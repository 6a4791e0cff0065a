using System.Text.Json.Serialization;

namespace LeBureau.AgentContract;

/// <summary>
/// <c>POST /runs</c>: start run <paramref name="Id"/> (1–128 characters: letters, digits, <c>-_.</c>) unless the agent
/// already has a run with that id, in which case it answers that run's state and starts nothing (so a caller that
/// lost track after a crash can ask again safely). Content is the command line or the prompt (1–65536 characters).
/// TimeoutMs bounds the run (1..86 400 000).
/// </summary>
public sealed record RunRequest(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("kind")] RunKind Kind,
    [property: JsonPropertyName("content")] string Content,
    [property: JsonPropertyName("timeoutMs")] int TimeoutMs);
