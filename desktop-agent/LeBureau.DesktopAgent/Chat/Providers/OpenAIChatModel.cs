using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text;
using LeBureau.DesktopAgent.Chat.Model;
using LeBureau.DesktopAgent.Chat.Tools;
using OpenAI;
using OpenAI.Chat;

namespace LeBureau.DesktopAgent.Chat.Providers;

/// <summary>
/// OpenAI's Chat Completions API through the official SDK, streaming, with our three tools as function tools whose
/// arguments mirror Anthropic's tools (<see cref="ToolSchemas"/>), so one toolbox serves every provider. OpenRouter
/// is the same API at its own base URL with its attribution headers (HTTP-Referer, X-Title). Tool messages carry text
/// only in this API, so a tool's screenshot follows its tool message as a user message with the image.
/// </summary>
public sealed class OpenAIChatModel : IChatModel
{
    private readonly ChatClient _client;
    private readonly string _provider;
    private readonly int _maxTokens;

    public OpenAIChatModel(ChatSettings settings, ChatOptions options)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(options);
        var openRouter = settings.Provider == ProviderKind.OpenRouter;
        _provider = openRouter ? "OpenRouter" : "OpenAI";
        _maxTokens = options.MaxTokens;
        var clientOptions = new OpenAIClientOptions
        {
            RetryPolicy = new ClientRetryPolicy(options.ProviderRetries),
            NetworkTimeout = Timeout.InfiniteTimeSpan,
        };
        if ((settings.BaseUrl ?? (openRouter ? ChatSettings.OpenRouterUrl : null)) is { } endpoint) clientOptions.Endpoint = endpoint;
        if (openRouter)
        {
            clientOptions.AddPolicy(new HeaderPolicy(new Dictionary<string, string>
            {
                ["HTTP-Referer"] = options.OpenRouterReferer,
                ["X-Title"] = options.OpenRouterTitle,
            }), PipelinePosition.PerCall);
        }
        _client = new ChatClient(settings.Model, new ApiKeyCredential(settings.ApiKey), clientOptions);
    }

    /// <inheritdoc />
    public async Task<ModelReply> CompleteAsync(ModelRequest request, Func<string, ValueTask> onText, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(onText);
        var completion = new ChatCompletionOptions { MaxOutputTokenCount = _maxTokens };
        completion.Tools.Add(ChatTool.CreateFunctionTool(DesktopToolbox.Computer, ToolSchemas.ComputerDescription(request.Screen), BinaryData.FromString(ToolSchemas.ComputerParameters(request.Screen).GetRawText())));
        completion.Tools.Add(ChatTool.CreateFunctionTool(DesktopToolbox.Bash, ToolSchemas.BashDescription, BinaryData.FromString(ToolSchemas.BashParameters.GetRawText())));
        completion.Tools.Add(ChatTool.CreateFunctionTool(DesktopToolbox.Editor, ToolSchemas.EditorDescription, BinaryData.FromString(ToolSchemas.EditorParameters.GetRawText())));

        var text = new StringBuilder();
        var calls = new SortedDictionary<int, (string Id, string Name, StringBuilder Arguments)>();
        try
        {
            await foreach (var update in _client.CompleteChatStreamingAsync(Messages(request), completion, cancellationToken))
            {
                foreach (var part in update.ContentUpdate)
                {
                    if (string.IsNullOrEmpty(part.Text)) continue;
                    text.Append(part.Text);
                    await onText(part.Text);
                }
                foreach (var call in update.ToolCallUpdates)
                {
                    if (!calls.TryGetValue(call.Index, out var current)) current = ("", "", new StringBuilder());
                    if (!string.IsNullOrEmpty(call.ToolCallId)) current.Id = call.ToolCallId;
                    if (!string.IsNullOrEmpty(call.FunctionName)) current.Name = call.FunctionName;
                    if (call.FunctionArgumentsUpdate is { } arguments && !arguments.IsEmpty) current.Arguments.Append(arguments.ToString());
                    calls[call.Index] = current;
                }
            }
        }
        catch (ClientResultException e) when (e.Status > 0)
        {
            throw ProviderException.FromStatus(_provider, e.Status, RetryAfter(e), e);
        }
        catch (ClientResultException e)
        {
            throw new ProviderException(ChatErrorCode.ProviderError, $"{_provider} could not be reached: {e.Message}", inner: e);
        }
        catch (HttpRequestException e)
        {
            throw new ProviderException(ChatErrorCode.ProviderError, $"{_provider} could not be reached: {e.Message}", inner: e);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            throw new ProviderException(ChatErrorCode.ProviderError, $"{_provider}'s answer could not be read", inner: e);
        }
        var toolCalls = calls.Values
            .Select((c, i) => ToolCallParser.Parse(c.Id.Length > 0 ? c.Id : $"call_{i}", c.Name, c.Arguments.ToString()))
            .ToList();
        return new ModelReply(text.ToString(), toolCalls);
    }

    private static List<ChatMessage> Messages(ModelRequest request)
    {
        var messages = new List<ChatMessage> { new SystemChatMessage(request.System) };
        foreach (var entry in request.Transcript)
        {
            switch (entry)
            {
                case UserEntry user:
                    messages.Add(user.Recalled is { } recalled
                        ? new UserChatMessage(ChatMessageContentPart.CreateTextPart(recalled), ChatMessageContentPart.CreateTextPart(user.Text))
                        : new UserChatMessage(user.Text));
                    break;
                case AssistantEntry assistant when assistant.Calls.Count == 0:
                    messages.Add(new AssistantChatMessage(assistant.Text.Length > 0 ? assistant.Text : "(no answer)"));
                    break;
                case AssistantEntry assistant:
                    var message = new AssistantChatMessage(assistant.Calls.Select(c => ChatToolCall.CreateFunctionToolCall(
                        c.Id, c.Name, BinaryData.FromString(c.Malformed ?? c.Input.GetRawText()))).ToList());
                    if (assistant.Text.Length > 0) message.Content.Add(ChatMessageContentPart.CreateTextPart(assistant.Text));
                    messages.Add(message);
                    break;
                case ToolResultsEntry results:
                    var images = new List<ChatMessageContentPart>();
                    foreach (var result in results.Results)
                    {
                        var output = result.Output;
                        var note = output.Image is null ? "" : $"{(output.Text.Length > 0 ? "\n" : "")}(screenshot attached below)";
                        messages.Add(new ToolChatMessage(result.CallId, (output.IsError ? "Error: " : "") + output.Text + note));
                        if (output.Image is { } image)
                        {
                            images.Add(ChatMessageContentPart.CreateTextPart($"Screenshot from tool call {result.CallId}:"));
                            images.Add(ChatMessageContentPart.CreateImagePart(BinaryData.FromBytes(image.Bytes), image.MediaType));
                        }
                    }
                    if (images.Count > 0) messages.Add(new UserChatMessage(images));
                    break;
            }
        }
        return messages;
    }

    private static TimeSpan? RetryAfter(ClientResultException e) =>
        e.GetRawResponse() is { } response && response.Headers.TryGetValue("retry-after", out var value) && value is not null
            ? RetryAfterCapture.Parse(System.Net.Http.Headers.RetryConditionHeaderValue.TryParse(value, out var header) ? header : null, DateTimeOffset.UtcNow)
            : null;
}
