using LeBureau.DesktopAgent.Chat.Tools;

namespace LeBureau.DesktopAgent.Chat.Model;

/// <summary>One entry of the provider-neutral transcript a turn sends to the model; each provider maps it to its wire format.</summary>
public abstract record TranscriptEntry;

/// <summary>The user's words, with what the agent recalled for them (memory) as separate context.</summary>
public sealed record UserEntry(string Text, string? Recalled = null) : TranscriptEntry;

/// <summary>What the model answered: text and the tool calls it made.</summary>
public sealed record AssistantEntry(string Text, IReadOnlyList<ToolCall> Calls) : TranscriptEntry;

/// <summary>The results of an assistant entry's tool calls, in call order.</summary>
public sealed record ToolResultsEntry(IReadOnlyList<ToolResult> Results) : TranscriptEntry;

/// <summary>One tool call's result.</summary>
public sealed record ToolResult(string CallId, ToolOutput Output);
