using System.Text;
using System.Text.Json;
using Anthropic;
using Anthropic.Core;
using Anthropic.Exceptions;
using Anthropic.Models.Beta.Messages;
using LeBureau.DesktopAgent.Chat.Model;
using LeBureau.DesktopAgent.Chat.Tools;

namespace LeBureau.DesktopAgent.Chat.Providers;

/// <summary>
/// Anthropic's Messages API (beta surface) through the official SDK, streaming. The tools are Anthropic's own:
/// the computer-use tool <c>computer_20251124</c> (the newest computer tool version of the SDK; zoom enabled) with
/// its beta header <c>computer-use-2025-11-24</c>, <c>bash_20250124</c> and <c>text_editor_20250728</c>. The system
/// prompt and tool definitions are cached (a cache breakpoint on the system block caches tools and system) and the
/// conversation prefix too (a breakpoint on the newest message).
/// </summary>
public sealed class AnthropicChatModel : IChatModel, IDisposable
{
    /// <summary>The beta header value of the computer tool version used.</summary>
    public const string ComputerUseBeta = "computer-use-2025-11-24";

    private readonly ChatSettings _settings;
    private readonly int _maxTokens;
    private readonly RetryAfterCapture _retryAfter;
    private readonly HttpClient _http;
    private readonly AnthropicClient _client;

    public AnthropicChatModel(ChatSettings settings, int maxTokens, int retries)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _maxTokens = maxTokens;
        _retryAfter = new RetryAfterCapture(new SocketsHttpHandler());
        _http = new HttpClient(_retryAfter) { Timeout = Timeout.InfiniteTimeSpan };
        _client = new AnthropicClient(new ClientOptions
        {
            ApiKey = settings.ApiKey,
            BaseUrl = settings.BaseUrl?.ToString() ?? "https://api.anthropic.com",
            MaxRetries = retries,
            HttpClient = _http,
        });
    }

    /// <inheritdoc />
    public async Task<ModelReply> CompleteAsync(ModelRequest request, Func<string, ValueTask> onText, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(onText);
        var parameters = Params(request);

        var text = new StringBuilder();
        var calls = new List<ToolCall>();
        string? callId = null, callName = null;
        var input = new StringBuilder();
        try
        {
            await foreach (var e in _client.Beta.Messages.CreateStreaming(parameters, cancellationToken))
            {
                if (e.TryPickContentBlockStart(out var start))
                {
                    if (start.ContentBlock.TryPickBetaToolUse(out var use))
                    {
                        (callId, callName) = (use.ID, use.Name);
                        input.Clear();
                    }
                    else if (start.ContentBlock.TryPickBetaText(out var block) && block.Text.Length > 0)
                    {
                        text.Append(block.Text);
                        await onText(block.Text);
                    }
                }
                else if (e.TryPickContentBlockDelta(out var delta))
                {
                    if (delta.Delta.TryPickText(out var piece))
                    {
                        text.Append(piece.Text);
                        await onText(piece.Text);
                    }
                    else if (delta.Delta.TryPickInputJson(out var json))
                    {
                        input.Append(json.PartialJson);
                    }
                }
                else if (e.TryPickContentBlockStop(out _) && callId is not null)
                {
                    calls.Add(ToolCallParser.Parse(callId, callName ?? "", input.Length == 0 ? "{}" : input.ToString()));
                    callId = callName = null;
                }
            }
        }
        catch (AnthropicApiException e)
        {
            throw ProviderException.FromStatus("Anthropic", (int)e.StatusCode, _retryAfter.Last, e);
        }
        catch (AnthropicException e) when (e is not AnthropicApiException)
        {
            throw new ProviderException(ChatErrorCode.ProviderError, $"Anthropic's answer could not be read: {Describe(e)}", inner: e);
        }
        catch (HttpRequestException e)
        {
            throw new ProviderException(ChatErrorCode.ProviderError, $"Anthropic could not be reached: {e.Message}", inner: e);
        }
        return new ModelReply(text.ToString(), calls);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _client.Dispose();
        _http.Dispose();
    }

    private static List<BetaToolUnion> Tools(ModelRequest request) =>
    [
        new BetaToolComputerUse20251124 { DisplayWidthPx = request.Screen.Width, DisplayHeightPx = request.Screen.Height, EnableZoom = true },
        new BetaToolBash20250124(),
        new BetaToolTextEditor20250728 { CacheControl = new BetaCacheControlEphemeral() },
    ];

    // Typed params for everything but the messages, which are written as JSON in one pass (AnthropicMessagesJson):
    // the same request body, without serialising the screenshots again at every level of the typed model.
    private MessageCreateParams Params(ModelRequest request)
    {
        var shell = new MessageCreateParams
        {
            Model = _settings.Model,
            MaxTokens = _maxTokens,
            System = new List<BetaTextBlockParam> { new(request.System) { CacheControl = new BetaCacheControlEphemeral() } },
            Tools = Tools(request),
            Messages = [],
            Betas = [ComputerUseBeta],
        };
        var body = shell.RawBodyData.ToDictionary(property => property.Key, property => property.Value);
        body["messages"] = AnthropicMessagesJson.Write(request.Transcript);
        return MessageCreateParams.FromRawUnchecked(shell.RawHeaderData, shell.RawQueryData, body);
    }

    private static string Describe(Exception e) => e.Message.Length > 200 ? e.Message[..200] : e.Message;
}
