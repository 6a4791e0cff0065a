namespace LeBureau.Testing.Providers;

/// <summary>
/// One tool call in a <see cref="ScriptedReply"/>: a tool name and its input as raw JSON text. Anthropic sends it as a
/// <c>tool_use</c> block, OpenAI as a <c>tool_calls</c> entry of type <c>function</c>.
/// </summary>
/// <param name="Name">Name of the tool, e.g. <c>computer</c>.</param>
/// <param name="InputJson">The input (Anthropic) or arguments (OpenAI) as JSON text; a JSON object unless the reply is
/// <see cref="ScriptedReply.MalformedToolCall"/>.</param>
/// <param name="Id">The call id; null lets the stand-in make one in the provider's shape (<c>toolu_…</c>, <c>call_…</c>).</param>
public sealed record ScriptedToolCall(string Name, string InputJson, string? Id = null);
