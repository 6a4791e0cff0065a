namespace LeBureau.DesktopAgent.Chat.Model;

/// <summary>What one model call answered: its text and tool calls (none means the turn is answered).</summary>
public sealed record ModelReply(string Text, IReadOnlyList<ToolCall> Calls);
