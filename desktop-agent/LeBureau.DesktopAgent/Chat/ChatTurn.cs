using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LeBureau.AgentContract;
using LeBureau.DesktopAgent.Chat.History;
using LeBureau.DesktopAgent.Chat.Model;
using LeBureau.DesktopAgent.Chat.Tools;
using LeBureau.DesktopAgent.Screen;

namespace LeBureau.DesktopAgent.Chat;

/// <summary>
/// The agent loop of one message, the same for every provider: call the model (streaming its text out), run the
/// tool calls it made on this desktop, send the results back, until it answers without tools. Bounded by
/// <see cref="ChatOptions.MaxSteps"/> model calls, <see cref="ChatOptions.StepTimeout"/> per model call and the
/// caller's token (the turn timeout). Throws <see cref="ProviderException"/> for every way it can fail but cancellation.
/// </summary>
internal sealed class ChatTurn(IChatModel model, DesktopToolbox tools, ChatOptions options, TimeProvider time, ChatRun run)
{
    private const int MaxRecordedOutput = 4000;
    private readonly StringBuilder _answer = new();

    /// <summary>The tool steps so far.</summary>
    public List<ToolStepRecord> Steps { get; } = [];

    /// <summary>The answer's text so far (all steps' text, as streamed).</summary>
    public string Answer => _answer.ToString();

    /// <summary>Runs the loop; returns the answer (the text of every step).</summary>
    public async Task<string> RunAsync(List<TranscriptEntry> transcript, ScreenSize screen, CancellationToken cancellationToken)
    {
        var system = SystemPrompt.For(screen, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        for (var step = 1; step <= options.MaxSteps; step++)
        {
            var reply = await CallModelAsync(new ModelRequest(system, TranscriptImages.KeepNewest(transcript, options.KeepImages), screen), cancellationToken);
            transcript.Add(new AssistantEntry(reply.Text, reply.Calls));
            if (reply.Calls.Count == 0) return Answer;

            var results = new List<ToolResult>(reply.Calls.Count);
            foreach (var call in reply.Calls) results.Add(new ToolResult(call.Id, await RunToolAsync(call, cancellationToken)));
            transcript.Add(new ToolResultsEntry(results));
        }
        throw new ProviderException(ChatErrorCode.StepLimit,
            $"the agent stopped after {options.MaxSteps} steps without finishing (Chat:MaxSteps); ask it to continue or split the task");
    }

    private async Task<ModelReply> CallModelAsync(ModelRequest request, CancellationToken cancellationToken)
    {
        using var step = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        step.CancelAfter(options.StepTimeout);
        var separate = _answer.Length > 0;
        try
        {
            return await model.CompleteAsync(request, delta =>
            {
                if (separate)
                {
                    separate = false;
                    Text("\n\n");
                }
                Text(delta);
                return ValueTask.CompletedTask;
            }, step.Token);
        }
        catch (OperationCanceledException) when (step.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new ProviderException(ChatErrorCode.ProviderTimeout,
                $"the provider did not answer within {options.StepTimeout.TotalSeconds:0} s (Chat:StepTimeout)");
        }
    }

    private async Task<ToolOutput> RunToolAsync(ToolCall call, CancellationToken cancellationToken)
    {
        var stepId = $"step_{Steps.Count + 1}";
        var action = call.Input.ValueKind == JsonValueKind.Object && call.Input.TryGetProperty("action", out var a) && a.ValueKind == JsonValueKind.String
            ? a.GetString()
            : call.Input.ValueKind == JsonValueKind.Object && call.Input.TryGetProperty("command", out var c) && c.ValueKind == JsonValueKind.String && call.Name == DesktopToolbox.Editor
                ? c.GetString()
                : null;
        var input = ShortInput(call);
        run.Emit(new ChatEvent(ChatEventTypes.ToolStart, new JsonObject
        {
            ["messageId"] = run.MessageId, ["stepId"] = stepId, ["tool"] = call.Name, ["action"] = action, ["input"] = JsonNode.Parse(input.GetRawText()),
        }));
        var started = time.GetUtcNow();
        var clock = Stopwatch.StartNew();
        var output = call.Malformed is not null
            ? new ToolOutput($"the arguments of this {call.Name} call are not a JSON object: {call.Malformed}", null, true)
            : await tools.RunAsync(call.Name, call.Input, cancellationToken);
        var text = output.Text.Length > MaxRecordedOutput ? output.Text[..MaxRecordedOutput] + "… (shortened)" : output.Text;
        Steps.Add(new ToolStepRecord(stepId, call.Name, action, input, text, output.Image is not null, output.IsError, started, clock.ElapsedMilliseconds));
        run.Emit(new ChatEvent(ChatEventTypes.ToolFinish, new JsonObject
        {
            ["messageId"] = run.MessageId, ["stepId"] = stepId, ["tool"] = call.Name, ["action"] = action, ["isError"] = output.IsError,
            ["output"] = text, ["image"] = output.Image is not null, ["durationMs"] = clock.ElapsedMilliseconds,
        }));
        return output;
    }

    // The answer is all the text of the turn, steps separated by a blank line, exactly as the text events stream it.
    private void Text(string delta)
    {
        _answer.Append(delta);
        run.Emit(new ChatEvent(ChatEventTypes.Text, new JsonObject { ["messageId"] = run.MessageId, ["delta"] = delta }));
    }

    // Inputs are kept for the history and the events, with long strings (a typed text, a created file) shortened.
    private static JsonElement ShortInput(ToolCall call)
    {
        if (call.Malformed is not null) return JsonSerializer.SerializeToElement(new { malformed = call.Malformed.Length > 200 ? call.Malformed[..200] : call.Malformed });
        var node = JsonNode.Parse(call.Input.GetRawText())!;
        if (node is JsonObject o)
        {
            foreach (var (name, value) in o.ToList())
            {
                if (value is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 500) o[name] = s[..500] + "…";
            }
        }
        return JsonSerializer.SerializeToElement(node);
    }
}
