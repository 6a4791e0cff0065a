using System.Text;
using System.Text.Json;
using Anthropic;
using Anthropic.Core;
using Anthropic.Models.Beta.Messages;
using LeBureau.DesktopAgent.Chat.Model;
using LeBureau.DesktopAgent.Chat.Providers;
using LeBureau.DesktopAgent.Chat.Tools;

namespace LeBureau.DesktopAgent.Tests.Unit;

/// <summary>The messages written as JSON in one pass reach the wire exactly as the SDK's typed params would send them.</summary>
public sealed class AnthropicMessagesJsonTests
{
    [Fact]
    public async Task Request_body_is_byte_for_byte_what_the_typed_sdk_params_send()
    {
        var png = new byte[70_000];
        new Random(7).NextBytes(png);
        var jpeg = new byte[3_000];
        new Random(8).NextBytes(jpeg);
        var input = JsonDocument.Parse("""{"action":"type","text":"é <b>&'\"+ \u2028 😀","coordinate":[1,2],"nested":{"a":[true,null,1.5]}}""").RootElement;
        var transcript = new List<TranscriptEntry>
        {
            new UserEntry("open <the> \"editor\" & type é 😀", Recalled: "earlier: the user likes vim"),
            new AssistantEntry("Sure + more", [new ToolCall("toolu_1", "computer", input), new ToolCall("toolu_2", "bash", JsonDocument.Parse("{}").RootElement)]),
            new ToolResultsEntry([
                new ToolResult("toolu_1", ToolOutput.Success("typed 9 characters", new ToolImage(png, "image/png", 1280, 800))),
                new ToolResult("toolu_2", ToolOutput.Error("the bash tool failed")),
            ]),
            new AssistantEntry("", []),
            new AssistantEntry("", [new ToolCall("toolu_3", "computer", default, Malformed: "{\"act")]),
            new ToolResultsEntry([
                new ToolResult("toolu_3", new ToolOutput("", null, false)),
                new ToolResult("toolu_4", ToolOutput.Success("", new ToolImage(jpeg, "image/jpeg", 10, 10))),
            ]),
            new UserEntry("next"),
            new AssistantEntry("ok", [new ToolCall("toolu_5", "computer", JsonDocument.Parse("""{"action":"screenshot"}""").RootElement)]),
            new ToolResultsEntry([new ToolResult("toolu_5", ToolOutput.Success("screenshot, 1280x800", new ToolImage(png, "image/png", 1280, 800)))]),
        };

        var typed = await WireBodyAsync(Shell() with { Messages = TypedMessages(transcript) });
        var shell = Shell();
        var body = shell.RawBodyData.ToDictionary(p => p.Key, p => p.Value);
        body["messages"] = AnthropicMessagesJson.Write(transcript);
        var written = await WireBodyAsync(MessageCreateParams.FromRawUnchecked(shell.RawHeaderData, shell.RawQueryData, body));

        written.Should().Be(typed);
        written.Should().Contain(Convert.ToBase64String(png)).And.Contain(Convert.ToBase64String(jpeg));
    }

    [Fact]
    public async Task The_newest_user_message_carries_the_cache_breakpoint()
    {
        var transcript = new List<TranscriptEntry> { new UserEntry("first"), new AssistantEntry("answer", []), new UserEntry("second") };
        var shell = Shell();
        var body = shell.RawBodyData.ToDictionary(p => p.Key, p => p.Value);
        body["messages"] = AnthropicMessagesJson.Write(transcript);

        var written = await WireBodyAsync(MessageCreateParams.FromRawUnchecked(shell.RawHeaderData, shell.RawQueryData, body));

        written.Should().Be(await WireBodyAsync(Shell() with { Messages = TypedMessages(transcript) }));
        written.Should().Contain("""{"type":"text","text":"second","cache_control":{"type":"ephemeral"}}""");
    }

    private static MessageCreateParams Shell() => new()
    {
        Model = "claude-opus-4-5",
        MaxTokens = 4096,
        System = new List<BetaTextBlockParam> { new("system") { CacheControl = new BetaCacheControlEphemeral() } },
        Messages = [],
        Betas = [AnthropicChatModel.ComputerUseBeta],
    };

    // The typed construction AnthropicChatModel used before its messages were written as JSON: the reference.
    private static List<BetaMessageParam> TypedMessages(IReadOnlyList<TranscriptEntry> transcript)
    {
        var messages = new List<BetaMessageParam>();
        for (var i = 0; i < transcript.Count; i++)
        {
            var last = i == transcript.Count - 1;
            messages.Add(transcript[i] switch
            {
                UserEntry user => new BetaUserMessageParam(UserBlocks(user, last)),
                AssistantEntry assistant => new BetaAssistantMessageParam(AssistantBlocks(assistant)),
                ToolResultsEntry results => new BetaUserMessageParam(ResultBlocks(results, last)),
                _ => throw new InvalidOperationException(),
            });
        }
        return messages;
    }

    private static List<BetaContentBlockParam> UserBlocks(UserEntry user, bool cached)
    {
        var blocks = new List<BetaContentBlockParam>();
        if (user.Recalled is { } recalled) blocks.Add(new BetaTextBlockParam(recalled));
        blocks.Add(new BetaTextBlockParam(user.Text) { CacheControl = cached ? new BetaCacheControlEphemeral() : null });
        return blocks;
    }

    private static List<BetaContentBlockParam> AssistantBlocks(AssistantEntry assistant)
    {
        var blocks = new List<BetaContentBlockParam>();
        if (assistant.Text.Length > 0) blocks.Add(new BetaTextBlockParam(assistant.Text));
        foreach (var call in assistant.Calls)
        {
            var input = call.Input.ValueKind == JsonValueKind.Object ? call.Input.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone()) : [];
            blocks.Add(new BetaToolUseBlockParam { ID = call.Id, Name = call.Name, Input = input });
        }
        if (blocks.Count == 0) blocks.Add(new BetaTextBlockParam("(no answer)"));
        return blocks;
    }

    private static List<BetaContentBlockParam> ResultBlocks(ToolResultsEntry results, bool cached)
    {
        var blocks = new List<BetaContentBlockParam>();
        for (var i = 0; i < results.Results.Count; i++)
        {
            var result = results.Results[i];
            var content = new List<Block>();
            if (result.Output.Text.Length > 0 || result.Output.Image is null) content.Add(new BetaTextBlockParam(result.Output.Text.Length > 0 ? result.Output.Text : "(no output)"));
            if (result.Output.Image is { } image)
            {
                var mediaType = image.MediaType == "image/jpeg" ? MediaType.ImageJpeg : MediaType.ImagePng;
                content.Add(new BetaImageBlockParam(new BetaBase64ImageSource { Data = Convert.ToBase64String(image.Bytes), MediaType = mediaType }));
            }
            blocks.Add(new BetaToolResultBlockParam(result.CallId)
            {
                Content = content,
                IsError = result.Output.IsError,
                CacheControl = cached && i == results.Results.Count - 1 ? new BetaCacheControlEphemeral() : null,
            });
        }
        return blocks;
    }

    private static async Task<string> WireBodyAsync(MessageCreateParams parameters)
    {
        var handler = new CapturingHandler();
        using var client = new AnthropicClient(new ClientOptions { ApiKey = "sk-ant-test", BaseUrl = "http://127.0.0.1:9", MaxRetries = 0, HttpClient = new HttpClient(handler) });
        try
        {
            await foreach (var _ in client.Beta.Messages.CreateStreaming(parameters))
            {
            }
        }
        catch (Exception e) when (e is not InvalidOperationException)
        {
            // The handler answers 400: only the request matters here.
        }
        return handler.Body ?? throw new InvalidOperationException("no request was sent");
    }

    private sealed class CapturingHandler : HttpMessageHandler
    {
        public string? Body { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Body = Encoding.UTF8.GetString(await request.Content!.ReadAsByteArrayAsync(cancellationToken));
            return new HttpResponseMessage(System.Net.HttpStatusCode.BadRequest)
            {
                Content = new StringContent("""{"type":"error","error":{"type":"invalid_request_error","message":"captured"}}""", Encoding.UTF8, "application/json"),
            };
        }
    }
}
