using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text;
using System.Text.Json;
using Anthropic;
using Anthropic.Core;
using Anthropic.Exceptions;
using Anthropic.Models.Beta;
using Anthropic.Models.Beta.Messages;
using LeBureau.Testing.Providers;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Embeddings;

namespace LeBureau.DesktopAgent.Tests.Unit;

/// <summary>The provider stand-in against the official Anthropic and OpenAI SDKs, as the product code uses them.</summary>
public sealed class ProviderStandInTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private ProviderStandIn _standIn = null!;

    public async Task InitializeAsync() => _standIn = await ProviderStandIn.StartAsync();

    public async Task DisposeAsync() => await _standIn.DisposeAsync();

    [Fact]
    public async Task Anthropic_beta_stream_carries_text_deltas_and_a_computer_tool_use()
    {
        _standIn.Anthropic.Enqueue(ScriptedReply.ToolCall("computer", """{"action":"left_click","coordinate":[640,400]}""", text: "I will click OK now."));
        using var client = AnthropicClient();
        var text = new StringBuilder();
        var toolInput = new StringBuilder();
        BetaToolUseBlock? toolUse = null;
        string? stopReason = null;

        await foreach (var streamed in client.Beta.Messages.CreateStreaming(ComputerUseRequest(), Timeout()))
        {
            if (streamed.TryPickContentBlockStart(out var start) && start.ContentBlock.TryPickBetaToolUse(out var block)) toolUse = block;
            if (streamed.TryPickContentBlockDelta(out var delta))
            {
                if (delta.Delta.TryPickText(out var textDelta)) text.Append(textDelta.Text);
                if (delta.Delta.TryPickInputJson(out var inputDelta)) toolInput.Append(inputDelta.PartialJson);
            }
            if (streamed.TryPickDelta(out var messageDelta)) stopReason = messageDelta.Delta.StopReason?.Raw();
        }

        text.ToString().Should().Be("I will click OK now.");
        toolUse.Should().NotBeNull();
        toolUse!.ID.Should().StartWith("toolu_");
        toolUse.Name.Should().Be("computer");
        using var input = JsonDocument.Parse(toolInput.ToString());
        input.RootElement.GetProperty("action").GetString().Should().Be("left_click");
        input.RootElement.GetProperty("coordinate")[1].GetInt32().Should().Be(400);
        stopReason.Should().Be("tool_use");

        var request = await _standIn.WaitForRequestAsync(0, Deadline);
        request.Provider.Should().Be(StandInProvider.Anthropic);
        request.Path.Should().Be("/v1/messages");
        request.Query.Should().BeEmpty("the C# SDK marks the beta only by the anthropic-beta header; the TS and Python SDKs add ?beta=true");
        // Anthropic SDK 13.12 sends ApiKey as a bearer token (its docs say so), not as x-api-key.
        request.Headers["Authorization"].Should().Be("Bearer sk-ant-test");
        request.Headers.Should().NotContainKey("x-api-key");
        request.Headers["anthropic-beta"].Should().Contain("computer-use-2025-11-24");
        request.Headers.Should().ContainKey("anthropic-version");
        request.Json!["stream"]!.GetValue<bool>().Should().BeTrue();
        request.Json["tools"]![0]!["type"]!.GetValue<string>().Should().Be("computer_20251124");
        request.Json["tools"]![0]!["display_width_px"]!.GetValue<int>().Should().Be(1280);
        await request.WaitForReplyAsync(Deadline);
        request.RepliedTimestamp.Should().BeGreaterThanOrEqualTo(request.ArrivedTimestamp);
    }

    [Fact]
    public async Task Anthropic_non_streaming_message_has_the_text_and_tool_use_blocks()
    {
        _standIn.Anthropic.Enqueue(ScriptedReply.ToolCall("computer", """{"action":"screenshot"}""", text: "Looking."));
        using var client = AnthropicClient();

        var message = await client.Beta.Messages.Create(ComputerUseRequest(), Timeout());

        message.Content.Should().HaveCount(2);
        message.Content[0].TryPickText(out var text).Should().BeTrue();
        text!.Text.Should().Be("Looking.");
        message.Content[1].TryPickToolUse(out var toolUse).Should().BeTrue();
        toolUse!.Input["action"].GetString().Should().Be("screenshot");
        message.StopReason!.Raw().Should().Be("tool_use");
    }

    [Fact]
    public async Task Anthropic_malformed_tool_input_streams_as_deltas_that_do_not_parse()
    {
        _standIn.Anthropic.Enqueue(ScriptedReply.MalformedToolCall("computer"));
        using var client = AnthropicClient();
        var toolInput = new StringBuilder();

        await foreach (var streamed in client.Beta.Messages.CreateStreaming(ComputerUseRequest(), Timeout()))
        {
            if (streamed.TryPickContentBlockDelta(out var delta) && delta.Delta.TryPickInputJson(out var inputDelta))
                toolInput.Append(inputDelta.PartialJson);
        }

        toolInput.ToString().Should().Be("{\"action\": \"left_cl");
        var parse = () => JsonDocument.Parse(toolInput.ToString());
        parse.Should().Throw<JsonException>();
    }

    [Theory]
    [InlineData(401)]
    [InlineData(429)]
    public async Task Anthropic_scripted_errors_surface_with_their_status(int status)
    {
        _standIn.Anthropic.Enqueue(status == 429 ? ScriptedReply.RateLimited(7) : ScriptedReply.Error(401, "invalid x-api-key"));
        using var client = AnthropicClient();

        var call = async () => await client.Beta.Messages.Create(ComputerUseRequest(), Timeout());

        var thrown = await call.Should().ThrowAsync<AnthropicApiException>();
        ((int)thrown.Which.StatusCode).Should().Be(status);
        (await _standIn.WaitForRequestAsync(0, Deadline)).Provider.Should().Be(StandInProvider.Anthropic);
        _standIn.Requests.Should().HaveCount(1, "MaxRetries = 0");
    }

    [Fact]
    public async Task Anthropic_without_a_scripted_reply_gets_a_500_that_says_so()
    {
        using var client = AnthropicClient();

        var call = async () => await client.Beta.Messages.Create(ComputerUseRequest(), Timeout());

        var thrown = await call.Should().ThrowAsync<AnthropicApiException>();
        ((int)thrown.Which.StatusCode).Should().Be(500);
        thrown.Which.ResponseBody.Should().Contain(ProviderStandIn.NoScriptedReply);
    }

    [Fact]
    public async Task Anthropic_beta_query_of_other_SDKs_reaches_the_messages_route()
    {
        _standIn.Anthropic.Enqueue(ScriptedReply.Message("hi"));
        using var http = new HttpClient();

        using var response = await http.PostAsync(new Uri(_standIn.BaseUrl, "/v1/messages?beta=true"),
            new StringContent("""{"model":"m","max_tokens":8,"messages":[]}""", Encoding.UTF8, "application/json"), Timeout());

        response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        (await _standIn.WaitForRequestAsync(0, Deadline)).Query.Should().Be("?beta=true");
    }

    [Fact]
    public async Task Anthropic_hang_is_ended_by_the_callers_deadline()
    {
        _standIn.Anthropic.Enqueue(ScriptedReply.Hang());
        using var client = AnthropicClient();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        var call = async () => await client.Beta.Messages.Create(ComputerUseRequest(), deadline.Token);

        await call.Should().ThrowAsync<OperationCanceledException>();
        var request = await _standIn.WaitForRequestAsync(0, Deadline);
        request.RepliedAt.Should().BeNull();
    }

    [Fact]
    public async Task OpenAI_stream_carries_text_updates_and_a_function_call_with_split_arguments()
    {
        _standIn.OpenAI.Enqueue(ScriptedReply.ToolCall("click", """{"x":640,"y":400}""", text: "Clicking the OK button."));
        var client = ChatClient();
        var text = new StringBuilder();
        var arguments = new StringBuilder();
        string? callId = null, functionName = null;
        var argumentUpdates = 0;
        ChatFinishReason? finish = null;

        await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage("Click OK")], ClickToolOptions(), Timeout()))
        {
            foreach (var part in update.ContentUpdate) text.Append(part.Text);
            foreach (var toolCall in update.ToolCallUpdates)
            {
                callId ??= toolCall.ToolCallId;
                functionName ??= toolCall.FunctionName;
                if (toolCall.FunctionArgumentsUpdate is { } piece && !piece.ToMemory().IsEmpty)
                {
                    arguments.Append(piece.ToString());
                    argumentUpdates++;
                }
            }
            finish ??= update.FinishReason;
        }

        text.ToString().Should().Be("Clicking the OK button.");
        callId.Should().StartWith("call_");
        functionName.Should().Be("click");
        argumentUpdates.Should().BeGreaterThan(1);
        using var parsed = JsonDocument.Parse(arguments.ToString());
        parsed.RootElement.GetProperty("x").GetInt32().Should().Be(640);
        finish.Should().Be(ChatFinishReason.ToolCalls);

        var request = await _standIn.WaitForRequestAsync(0, Deadline);
        request.Path.Should().Be("/v1/chat/completions");
        request.Headers["authorization"].Should().Be("Bearer sk-test");
        request.Json!["tools"]![0]!["function"]!["name"]!.GetValue<string>().Should().Be("click");
    }

    [Fact]
    public async Task OpenAI_non_streaming_completion_and_a_reply_computed_from_the_request()
    {
        _standIn.OpenAI.Enqueue(ScriptedReply.From(request =>
            ScriptedReply.Message("echo: " + request.Json!["messages"]![0]!["content"]!.GetValue<string>())));
        var client = ChatClient();

        var completion = await client.CompleteChatAsync([new UserChatMessage("hello there")], cancellationToken: Timeout());

        completion.Value.Content[0].Text.Should().Be("echo: hello there");
        completion.Value.FinishReason.Should().Be(ChatFinishReason.Stop);
    }

    [Fact]
    public async Task OpenAI_malformed_arguments_arrive_verbatim()
    {
        _standIn.OpenAI.Enqueue(ScriptedReply.MalformedToolCall("click", "{\"x\": 64"));
        var client = ChatClient();

        var completion = await client.CompleteChatAsync([new UserChatMessage("Click")], ClickToolOptions(), Timeout());

        completion.Value.ToolCalls.Should().ContainSingle().Which.FunctionArguments.ToString().Should().Be("{\"x\": 64");
    }

    [Theory]
    [InlineData(401)]
    [InlineData(429)]
    public async Task OpenAI_scripted_errors_surface_with_their_status(int status)
    {
        _standIn.OpenAI.Enqueue(status == 429 ? ScriptedReply.RateLimited(7) : ScriptedReply.Error(401, "Incorrect API key provided"));
        var client = ChatClient();

        var call = async () => await client.CompleteChatAsync([new UserChatMessage("hi")], cancellationToken: Timeout());

        var thrown = await call.Should().ThrowAsync<ClientResultException>();
        thrown.Which.Status.Should().Be(status);
        if (status == 429)
        {
            thrown.Which.GetRawResponse()!.Headers.TryGetValue("retry-after", out var retryAfter).Should().BeTrue();
            retryAfter.Should().Be("7");
        }
        _standIn.Requests.Should().HaveCount(1, "the retry policy allows no retry");
    }

    [Fact]
    public async Task OpenAI_hang_is_ended_by_the_callers_deadline()
    {
        _standIn.OpenAI.Enqueue(ScriptedReply.Hang());
        var client = ChatClient();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        var call = async () => await client.CompleteChatAsync([new UserChatMessage("hi")], cancellationToken: deadline.Token);

        await call.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task Embeddings_of_similar_texts_are_closer_than_of_unrelated_ones()
    {
        var client = new EmbeddingClient("text-embedding-3-small", new ApiKeyCredential("sk-test"), OpenAIOptions());

        var query = (await client.GenerateEmbeddingAsync("open the firefox browser", cancellationToken: Timeout())).Value.ToFloats();
        var similar = (await client.GenerateEmbeddingAsync("the firefox browser is open", cancellationToken: Timeout())).Value.ToFloats();
        var unrelated = (await client.GenerateEmbeddingAsync("quarterly tax report spreadsheet", cancellationToken: Timeout())).Value.ToFloats();

        query.Length.Should().Be(HashedEmbedding.DefaultDimensions);
        query.ToArray().Should().Equal(HashedEmbedding.Compute("open the firefox browser"));
        Cosine(query, similar).Should().BeGreaterThan(Cosine(query, unrelated) + 0.3f);
        var request = await _standIn.WaitForRequestAsync(0, Deadline);
        request.Path.Should().Be("/v1/embeddings");
        request.Json!["encoding_format"]!.GetValue<string>().Should().Be("base64");
    }

    [Fact]
    public async Task Replies_are_recorded_with_arrival_and_reply_times_for_gap_measurements()
    {
        _standIn.OpenAI.Enqueue(ScriptedReply.Message("one").After(TimeSpan.FromMilliseconds(50)), ScriptedReply.Message("two"));
        var client = ChatClient();

        await client.CompleteChatAsync([new UserChatMessage("first")], cancellationToken: Timeout());
        await client.CompleteChatAsync([new UserChatMessage("second")], cancellationToken: Timeout());

        var first = await _standIn.WaitForRequestAsync(0, Deadline);
        var second = await _standIn.WaitForRequestAsync(1, Deadline);
        await first.WaitForReplyAsync(Deadline);
        (first.RepliedAt!.Value - first.ArrivedAt).Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(45));
        second.ArrivedTimestamp.Should().BeGreaterThan(first.RepliedTimestamp!.Value);
        _standIn.OpenAI.Pending.Should().Be(0);
    }

    private AnthropicClient AnthropicClient() =>
        new(new ClientOptions { ApiKey = "sk-ant-test", BaseUrl = _standIn.BaseUrl.ToString(), MaxRetries = 0 });

    private static MessageCreateParams ComputerUseRequest() => new()
    {
        Model = "claude-sonnet-4-5",
        MaxTokens = 1024,
        Messages = [new BetaUserMessageParam("Click the OK button")],
        Tools = [new BetaToolComputerUse20251124 { DisplayWidthPx = 1280, DisplayHeightPx = 800 }],
        Betas = [AnthropicBeta.ComputerUse2025_11_24],
    };

    private ChatClient ChatClient() => new("gpt-4o-mini", new ApiKeyCredential("sk-test"), OpenAIOptions());

    private OpenAIClientOptions OpenAIOptions() =>
        new() { Endpoint = new Uri(_standIn.BaseUrl, "/v1"), RetryPolicy = new ClientRetryPolicy(maxRetries: 0) };

    private static ChatCompletionOptions ClickToolOptions() => new()
    {
        Tools =
        {
            ChatTool.CreateFunctionTool("click", "Clicks at a point", BinaryData.FromString(
                """{"type":"object","properties":{"x":{"type":"integer"},"y":{"type":"integer"}},"required":["x","y"]}""")),
        },
    };

    private static CancellationToken Timeout() => new CancellationTokenSource(Deadline).Token;

    private static float Cosine(ReadOnlyMemory<float> a, ReadOnlyMemory<float> b)
    {
        float dot = 0, normA = 0, normB = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a.Span[i] * b.Span[i];
            normA += a.Span[i] * a.Span[i];
            normB += b.Span[i] * b.Span[i];
        }
        return dot / MathF.Sqrt(normA * normB);
    }
}
