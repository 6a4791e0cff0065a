using System.Text.Json;

namespace LeBureau.DesktopAgent.Chat.Model;

/// <summary>
/// A tool call the model made. Input is the arguments object; when the model sent arguments that are not a JSON
/// object, Input is <c>default</c> and Malformed holds what it sent (the loop answers it with a tool error).
/// </summary>
public sealed record ToolCall(string Id, string Name, JsonElement Input, string? Malformed = null);
