using System.Text.Json;

namespace LeBureau.Testing.Providers;

/// <summary>
/// One scripted answer of the <see cref="ProviderStandIn"/>, queued on a <see cref="ProviderScript"/>. Whether it is
/// streamed follows the request's <c>"stream"</c> field. Immutable: <see cref="After"/>, <see cref="WithHeader"/> and
/// <see cref="WithUsage"/> return a changed copy.
/// </summary>
public sealed record ScriptedReply
{
    private ScriptedReply(ScriptedReplyKind kind) => Kind = kind;

    /// <summary>Kind: what the reply does on the wire.</summary>
    public ScriptedReplyKind Kind { get; private init; }

    /// <summary>Text of the assistant message, sent before the tool calls; null for none.</summary>
    public string? Text { get; private init; }

    /// <summary>TextChunks: in how many deltas a streamed <see cref="Text"/> is split (at least 1).</summary>
    public int TextChunks { get; private init; } = 1;

    /// <summary>Calls: the tool calls of the message, in order; empty for a text-only answer.</summary>
    public IReadOnlyList<ScriptedToolCall> Calls { get; private init; } = [];

    /// <summary>MalformedToolInput: whether the tool inputs are sent verbatim even though they are not a JSON object.</summary>
    public bool MalformedToolInput { get; private init; }

    /// <summary>Status: the HTTP status of an <see cref="ScriptedReplyKind.Error"/> reply (200 otherwise).</summary>
    public int Status { get; private init; } = 200;

    /// <summary>ErrorType: Anthropic's <c>error.type</c> / OpenAI's <c>error.type</c>; null picks the provider's name for the status.</summary>
    public string? ErrorType { get; private init; }

    /// <summary>ErrorMessage: the <c>error.message</c> of an error reply.</summary>
    public string? ErrorMessage { get; private init; }

    /// <summary>Headers: extra response headers (e.g. <c>retry-after</c>); empty by default.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; private init; } = new Dictionary<string, string>();

    /// <summary>Delay: how long the stand-in waits before it answers; zero by default.</summary>
    public TimeSpan Delay { get; private init; }

    /// <summary>InputTokens: the usage reported for the prompt; 10 by default.</summary>
    public int InputTokens { get; private init; } = 10;

    /// <summary>OutputTokens: the usage reported for the answer; 5 by default.</summary>
    public int OutputTokens { get; private init; } = 5;

    /// <summary>Respond: for <see cref="ScriptedReplyKind.Computed"/>, the function that makes the reply from the request.</summary>
    public Func<RecordedRequest, ScriptedReply>? Respond { get; private init; }

    /// <summary>A text answer (<c>end_turn</c> / <c>stop</c>), streamed in <paramref name="chunks"/> deltas.</summary>
    public static ScriptedReply Message(string text, int chunks = 1)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunks, 1);
        return new ScriptedReply(ScriptedReplyKind.Message) { Text = text, TextChunks = chunks };
    }

    /// <summary>One tool call (<c>tool_use</c> / <c>tool_calls</c>), optionally after some text; <paramref name="inputJson"/> must be a JSON object.</summary>
    public static ScriptedReply ToolCall(string name, string inputJson, string? text = null) =>
        ToolCalls([new ScriptedToolCall(name, inputJson)], text);

    /// <summary>Several tool calls in one message, optionally after some text; each input must be a JSON object.</summary>
    public static ScriptedReply ToolCalls(IReadOnlyList<ScriptedToolCall> calls, string? text = null)
    {
        ArgumentNullException.ThrowIfNull(calls);
        if (calls.Count == 0) throw new ArgumentException("at least one tool call", nameof(calls));
        foreach (var call in calls)
        {
            if (!IsJsonObject(call.InputJson))
                throw new ArgumentException($"the input of {call.Name} is not a JSON object; use MalformedToolCall for that", nameof(calls));
        }
        return new ScriptedReply(ScriptedReplyKind.Message) { Text = text, Calls = calls };
    }

    /// <summary>
    /// A tool call whose input is <paramref name="rawInput"/> verbatim, e.g. truncated JSON. OpenAI: <c>arguments</c> is that
    /// string. Anthropic streaming: <c>input_json_delta</c> chunks that concatenate to it (the SDK passes them through;
    /// the consumer's parse fails). Anthropic non-streaming: <c>input</c> is a JSON string, not an object.
    /// </summary>
    public static ScriptedReply MalformedToolCall(string name, string rawInput = "{\"action\": \"left_cl") =>
        new(ScriptedReplyKind.Message) { Calls = [new ScriptedToolCall(name, rawInput)], MalformedToolInput = true };

    /// <summary>An HTTP error in the provider's shape; <paramref name="type"/> null picks the provider's type for the status.</summary>
    public static ScriptedReply Error(int status, string message, string? type = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(status, 400);
        return new ScriptedReply(ScriptedReplyKind.Error) { Status = status, ErrorMessage = message, ErrorType = type };
    }

    /// <summary>A 429 rate-limit error with <c>retry-after</c> in seconds.</summary>
    public static ScriptedReply RateLimited(int retryAfterSeconds) =>
        Error(429, "stand-in: rate limited").WithHeader("retry-after", retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>No answer at all: the request stays open until the client aborts it.</summary>
    public static ScriptedReply Hang() => new(ScriptedReplyKind.Hang);

    /// <summary>A reply made from the request when it arrives (e.g. to echo what it asked).</summary>
    public static ScriptedReply From(Func<RecordedRequest, ScriptedReply> respond)
    {
        ArgumentNullException.ThrowIfNull(respond);
        return new ScriptedReply(ScriptedReplyKind.Computed) { Respond = respond };
    }

    /// <summary>The same reply, answered after <paramref name="delay"/>.</summary>
    public ScriptedReply After(TimeSpan delay) => this with { Delay = delay };

    /// <summary>The same reply with one more response header.</summary>
    public ScriptedReply WithHeader(string name, string value) =>
        this with { Headers = new Dictionary<string, string>(Headers, StringComparer.OrdinalIgnoreCase) { [name] = value } };

    /// <summary>The same reply reporting this token usage.</summary>
    public ScriptedReply WithUsage(int inputTokens, int outputTokens) => this with { InputTokens = inputTokens, OutputTokens = outputTokens };

    private static bool IsJsonObject(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
