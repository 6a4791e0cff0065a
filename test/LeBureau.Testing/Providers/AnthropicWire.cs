using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace LeBureau.Testing.Providers;

/// <summary>Anthropic Messages on the wire: the message JSON, its SSE event sequence, and the error shape.</summary>
internal static class AnthropicWire
{
    /// <summary>How many <c>input_json_delta</c> chunks a tool input is split into, as the real API does.</summary>
    private const int ToolInputChunks = 3;

    public static Task WriteMessageAsync(HttpResponse response, RecordedRequest request, ScriptedReply reply, CancellationToken cancellationToken)
    {
        var model = request.Json?["model"]?.GetValue<string>() ?? "claude-stand-in";
        var calls = reply.Calls.Select(call => call with { Id = call.Id ?? WireText.NewId("toolu_") }).ToList();
        return request.Json?["stream"]?.GetValue<bool>() == true
            ? WriteStreamAsync(response, model, reply, calls, cancellationToken)
            : WireText.WriteJsonAsync(response, 200, Message(model, reply, calls), cancellationToken);
    }

    public static Task WriteErrorAsync(HttpResponse response, int status, string? type, string message, CancellationToken cancellationToken) =>
        WireText.WriteJsonAsync(response, status, new JsonObject
        {
            ["type"] = "error",
            ["error"] = new JsonObject { ["type"] = type ?? ErrorType(status), ["message"] = message },
        }, cancellationToken);

    private static JsonObject Message(string model, ScriptedReply reply, IReadOnlyList<ScriptedToolCall> calls)
    {
        var content = new JsonArray();
        if (reply.Text is not null) content.Add(new JsonObject { ["type"] = "text", ["text"] = reply.Text });
        foreach (var call in calls) content.Add(ToolUse(call, WireText.ToolInput(call, reply.MalformedToolInput)));
        return MessageShell(model, content, StopReason(calls), reply.InputTokens, reply.OutputTokens);
    }

    private static async Task WriteStreamAsync(
        HttpResponse response, string model, ScriptedReply reply, IReadOnlyList<ScriptedToolCall> calls, CancellationToken cancellationToken)
    {
        await WireText.StartEventStreamAsync(response, cancellationToken);
        await SendAsync("message_start", new JsonObject
        {
            ["message"] = MessageShell(model, [], stopReason: null, reply.InputTokens, outputTokens: 1),
        });
        var index = 0;
        if (reply.Text is not null)
        {
            await SendAsync("content_block_start", new JsonObject
            {
                ["index"] = index,
                ["content_block"] = new JsonObject { ["type"] = "text", ["text"] = "" },
            });
            await SendAsync("ping", []);
            foreach (var piece in WireText.Split(reply.Text, reply.TextChunks))
                await SendAsync("content_block_delta", Delta(index, new JsonObject { ["type"] = "text_delta", ["text"] = piece }));
            await SendAsync("content_block_stop", new JsonObject { ["index"] = index });
            index++;
        }
        foreach (var call in calls)
        {
            await SendAsync("content_block_start", new JsonObject { ["index"] = index, ["content_block"] = ToolUse(call, new JsonObject()) });
            if (index == 0) await SendAsync("ping", []);
            var input = reply.MalformedToolInput ? call.InputJson : JsonNode.Parse(call.InputJson)!.ToJsonString();
            foreach (var piece in WireText.Split(input, ToolInputChunks))
                await SendAsync("content_block_delta", Delta(index, new JsonObject { ["type"] = "input_json_delta", ["partial_json"] = piece }));
            await SendAsync("content_block_stop", new JsonObject { ["index"] = index });
            index++;
        }
        await SendAsync("message_delta", new JsonObject
        {
            ["delta"] = new JsonObject { ["stop_reason"] = StopReason(calls), ["stop_sequence"] = null },
            ["usage"] = new JsonObject { ["output_tokens"] = reply.OutputTokens },
        });
        await SendAsync("message_stop", []);

        Task SendAsync(string type, JsonObject data)
        {
            data["type"] = type;
            return WireText.WriteEventAsync(response, type, data.ToJsonString(), cancellationToken);
        }
    }

    private static JsonObject MessageShell(string model, JsonArray content, string? stopReason, int inputTokens, int outputTokens) => new()
    {
        ["id"] = WireText.NewId("msg_"),
        ["type"] = "message",
        ["role"] = "assistant",
        ["model"] = model,
        ["content"] = content,
        ["stop_reason"] = stopReason,
        ["stop_sequence"] = null,
        ["usage"] = new JsonObject
        {
            ["input_tokens"] = inputTokens,
            ["cache_creation_input_tokens"] = 0,
            ["cache_read_input_tokens"] = 0,
            ["output_tokens"] = outputTokens,
        },
    };

    private static JsonObject ToolUse(ScriptedToolCall call, JsonNode input) => new()
    {
        ["type"] = "tool_use",
        ["id"] = call.Id,
        ["name"] = call.Name,
        ["input"] = input,
    };

    private static JsonObject Delta(int index, JsonObject delta) => new() { ["index"] = index, ["delta"] = delta };

    private static string StopReason(IReadOnlyList<ScriptedToolCall> calls) => calls.Count > 0 ? "tool_use" : "end_turn";

    private static string ErrorType(int status) => status switch
    {
        400 => "invalid_request_error",
        401 => "authentication_error",
        402 => "billing_error",
        403 => "permission_error",
        404 => "not_found_error",
        413 => "request_too_large",
        429 => "rate_limit_error",
        504 => "timeout_error",
        529 => "overloaded_error",
        _ => "api_error",
    };
}
