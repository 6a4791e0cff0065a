using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace LeBureau.Testing.Providers;

/// <summary>OpenAI Chat Completions on the wire: the completion JSON, its chunk stream, and the error shape.</summary>
internal static class OpenAIWire
{
    /// <summary>How many chunks the arguments of a tool call are split into, as the real API streams them.</summary>
    private const int ArgumentChunks = 3;

    public static Task WriteCompletionAsync(HttpResponse response, RecordedRequest request, ScriptedReply reply, CancellationToken cancellationToken)
    {
        var header = new Header(WireText.NewId("chatcmpl-"), DateTimeOffset.UtcNow.ToUnixTimeSeconds(), request.Json?["model"]?.GetValue<string>() ?? "gpt-stand-in");
        var calls = reply.Calls.Select(call => call with { Id = call.Id ?? WireText.NewId("call_") }).ToList();
        if (request.Json?["stream"]?.GetValue<bool>() != true)
            return WireText.WriteJsonAsync(response, 200, Completion(header, reply, calls), cancellationToken);
        var includeUsage = request.Json?["stream_options"]?["include_usage"]?.GetValue<bool>() == true;
        return WriteStreamAsync(response, header, reply, calls, includeUsage, cancellationToken);
    }

    public static Task WriteErrorAsync(HttpResponse response, int status, string? type, string message, CancellationToken cancellationToken) =>
        WireText.WriteJsonAsync(response, status, new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["message"] = message,
                ["type"] = type ?? ErrorType(status),
                ["param"] = null,
                ["code"] = ErrorCode(status),
            },
        }, cancellationToken);

    private static JsonObject Completion(Header header, ScriptedReply reply, IReadOnlyList<ScriptedToolCall> calls)
    {
        var message = new JsonObject { ["role"] = "assistant", ["content"] = reply.Text, ["refusal"] = null };
        if (calls.Count > 0)
        {
            message["tool_calls"] = new JsonArray([.. calls.Select(call => (JsonNode)new JsonObject
            {
                ["id"] = call.Id,
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = Arguments(call, reply) },
            })]);
        }
        var completion = Envelope(header, "chat.completion", new JsonObject
        {
            ["index"] = 0,
            ["message"] = message,
            ["logprobs"] = null,
            ["finish_reason"] = FinishReason(calls),
        });
        completion["usage"] = Usage(reply);
        return completion;
    }

    private static async Task WriteStreamAsync(
        HttpResponse response, Header header, ScriptedReply reply, IReadOnlyList<ScriptedToolCall> calls, bool includeUsage,
        CancellationToken cancellationToken)
    {
        await WireText.StartEventStreamAsync(response, cancellationToken);
        if (reply.Text is not null)
        {
            await SendAsync(new JsonObject { ["role"] = "assistant", ["content"] = "" });
            foreach (var piece in WireText.Split(reply.Text, reply.TextChunks)) await SendAsync(new JsonObject { ["content"] = piece });
        }
        for (var index = 0; index < calls.Count; index++)
        {
            var call = calls[index];
            var opening = new JsonObject
            {
                ["tool_calls"] = new JsonArray(new JsonObject
                {
                    ["index"] = index,
                    ["id"] = call.Id,
                    ["type"] = "function",
                    ["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = "" },
                }),
            };
            if (index == 0 && reply.Text is null)
            {
                opening["role"] = "assistant";
                opening["content"] = null;
            }
            await SendAsync(opening);
            foreach (var piece in WireText.Split(Arguments(call, reply), ArgumentChunks))
            {
                await SendAsync(new JsonObject
                {
                    ["tool_calls"] = new JsonArray(new JsonObject { ["index"] = index, ["function"] = new JsonObject { ["arguments"] = piece } }),
                });
            }
        }
        await SendAsync([], FinishReason(calls));
        if (includeUsage)
        {
            var usage = Envelope(header, "chat.completion.chunk", choice: null);
            usage["usage"] = Usage(reply);
            await WireText.WriteEventAsync(response, null, usage.ToJsonString(), cancellationToken);
        }
        await WireText.WriteEventAsync(response, null, "[DONE]", cancellationToken);

        Task SendAsync(JsonObject delta, string? finishReason = null) =>
            WireText.WriteEventAsync(response, null, Envelope(header, "chat.completion.chunk", new JsonObject
            {
                ["index"] = 0,
                ["delta"] = delta,
                ["logprobs"] = null,
                ["finish_reason"] = finishReason,
            }).ToJsonString(), cancellationToken);
    }

    private static JsonObject Envelope(Header header, string type, JsonObject? choice) => new()
    {
        ["id"] = header.Id,
        ["object"] = type,
        ["created"] = header.Created,
        ["model"] = header.Model,
        ["choices"] = choice is null ? new JsonArray() : new JsonArray(choice),
    };

    private static string Arguments(ScriptedToolCall call, ScriptedReply reply) =>
        reply.MalformedToolInput ? call.InputJson : JsonNode.Parse(call.InputJson)!.ToJsonString();

    private static JsonObject Usage(ScriptedReply reply) => new()
    {
        ["prompt_tokens"] = reply.InputTokens,
        ["completion_tokens"] = reply.OutputTokens,
        ["total_tokens"] = reply.InputTokens + reply.OutputTokens,
    };

    private static string FinishReason(IReadOnlyList<ScriptedToolCall> calls) => calls.Count > 0 ? "tool_calls" : "stop";

    private static string ErrorType(int status) => status switch
    {
        401 => "invalid_request_error",
        403 => "permission_error",
        429 => "requests",
        >= 500 => "server_error",
        _ => "invalid_request_error",
    };

    private static string? ErrorCode(int status) => status switch
    {
        401 => "invalid_api_key",
        404 => "model_not_found",
        429 => "rate_limit_exceeded",
        _ => null,
    };

    private sealed record Header(string Id, long Created, string Model);
}
