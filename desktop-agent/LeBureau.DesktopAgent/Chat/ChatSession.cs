using System.Security.Cryptography;
using System.Text.Json.Nodes;
using LeBureau.AgentContract;
using LeBureau.DesktopAgent.Chat.History;
using LeBureau.DesktopAgent.Chat.Memory;
using LeBureau.DesktopAgent.Chat.Model;
using LeBureau.DesktopAgent.Chat.Providers;
using LeBureau.DesktopAgent.Chat.Tools;
using Microsoft.Extensions.Options;

namespace LeBureau.DesktopAgent.Chat;

/// <summary>
/// The desktop's conversation: one turn at a time (a second message while one is answered is refused, see
/// <see cref="TryStart"/>), its history and memory on the data disk. A turn runs in the background until it ends,
/// whoever listens: clients that go away do not cancel it; <see cref="ChatRun.Cancel"/> does (saved as cancelled), and
/// so does the agent stopping (saved as interrupted).
/// </summary>
internal sealed partial class ChatSession : IDisposable
{
    private readonly ChatOptions _options;
    private readonly DesktopToolbox _tools;
    private readonly TimeProvider _time;
    private readonly ILogger<ChatSession> _logger;
    private readonly CancellationToken _stopping;
    private readonly IChatModel? _model;
    private readonly IEmbedder? _embedder;
    private readonly Lock _lock = new();
    private ChatRun? _current;
    private Task _memoryWrites = Task.CompletedTask;

    public ChatSession(IOptions<ChatOptions> options, DesktopToolbox tools, TimeProvider time, IHostApplicationLifetime lifetime, ILogger<ChatSession> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(lifetime);
        _options = options.Value;
        _tools = tools;
        _time = time;
        _logger = logger;
        _stopping = lifetime.ApplicationStopping;
        Settings = ChatSettings.Resolve(_options, Environment.GetEnvironmentVariable, out var reason);
        Unavailable = reason;
        if (Settings is not { } settings)
        {
            Log.ChatOff(logger, reason!);
            return;
        }
        History = new ChatHistory(settings.DataDirectory, _options.MaxStoredMessages);
        _model = settings.Provider == ProviderKind.Anthropic
            ? new AnthropicChatModel(settings, _options.MaxTokens, _options.ProviderRetries)
            : new OpenAIChatModel(settings, _options);
        if (settings.HasMemory)
        {
            Memory = new MemoryStore(settings.DataDirectory);
            _embedder = new OpenAIEmbedder(settings, _options.ProviderRetries);
        }
        Log.ChatOn(logger, settings.ToString());
    }

    /// <summary>The provider settings, or null when chat is off.</summary>
    public ChatSettings? Settings { get; }

    /// <summary>Why chat is off, when it is.</summary>
    public string? Unavailable { get; }

    /// <summary>The conversation (null when chat is off).</summary>
    public ChatHistory? History { get; }

    /// <summary>The memory (null when off).</summary>
    public MemoryStore? Memory { get; }

    /// <summary>The running turn, if any.</summary>
    public ChatRun? Current
    {
        get
        {
            lock (_lock) return _current is { IsFinished: false } run ? run : null;
        }
    }

    /// <summary>Starts a turn for <paramref name="message"/>, or returns null with the running turn when one is being answered.</summary>
    public ChatRun? TryStart(string message, out ChatRun? busy)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_model is null) throw new InvalidOperationException(Unavailable);
        ChatRun run;
        lock (_lock)
        {
            if (_current is { IsFinished: false } current)
            {
                busy = current;
                return null;
            }
            run = new ChatRun(NewId(), NewId());
            _current = run;
        }
        busy = null;
        _ = Task.Run(() => RunAsync(run, message), CancellationToken.None);
        return run;
    }

    public void Dispose() => (_model as IDisposable)?.Dispose();

    private async Task RunAsync(ChatRun run, string message)
    {
        var history = History!;
        var now = _time.GetUtcNow();
        var earlier = history.Messages;
        var answer = new ChatMessageRecord(run.MessageId, ChatMessageRecord.Assistant, "", ChatMessageRecord.Running, now, ReplyTo: run.UserMessageId);
        var turn = new ChatTurn(_model!, _tools, _options, _time, run);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(_stopping, run.Cancelled);
        limit.CancelAfter(_options.TurnTimeout);
        try
        {
            await history.SaveAsync(new ChatMessageRecord(run.UserMessageId, ChatMessageRecord.User, message, ChatMessageRecord.Sent, now), CancellationToken.None);
            await history.SaveAsync(answer, CancellationToken.None);
            run.Emit(new ChatEvent(ChatEventTypes.Start, new JsonObject { ["messageId"] = run.MessageId, ["userMessageId"] = run.UserMessageId }));

            var transcript = new List<TranscriptEntry>(ContextWindow.Select(earlier, _options.ContextBudget));
            transcript.Add(new UserEntry(message, await RecallAsync(message, limit.Token)));
            var screen = await _tools.ModelScreenAsync(limit.Token);
            var response = await turn.RunAsync(transcript, screen, limit.Token);

            await history.SaveAsync(answer with { Content = response, Status = ChatMessageRecord.Done, CompletedAt = _time.GetUtcNow(), Steps = turn.Steps }, CancellationToken.None);
            // Queued before the turn ends, so that the next message's recall waits for it.
            Remember(run.MessageId, message, response);
            Log.TurnDone(_logger, run.MessageId, turn.Steps.Count);
            run.Emit(new ChatEvent(ChatEventTypes.Done, new JsonObject { ["messageId"] = run.MessageId, ["response"] = response }));
        }
        catch (Exception e) when (e is ProviderException or OperationCanceledException || e is not OutOfMemoryException)
        {
            var failure = Failure(e, run.CancelReason, limit.IsCancellationRequested && !_stopping.IsCancellationRequested);
            Log.TurnFailed(_logger, run.MessageId, failure.Code, failure.Message);
            try
            {
                await history.SaveAsync(answer with
                {
                    Content = turn.Answer, Status = ChatMessageRecord.Failed, CompletedAt = _time.GetUtcNow(), Steps = turn.Steps, Error = failure,
                }, CancellationToken.None);
            }
            catch (IOException io)
            {
                Log.HistoryWriteFailed(_logger, io.Message);
            }
            run.Emit(new ChatEvent(ChatEventTypes.Error, new JsonObject
            {
                ["messageId"] = run.MessageId, ["code"] = failure.Code, ["message"] = failure.Message, ["status"] = failure.Status,
                ["retryAfterSeconds"] = failure.RetryAfterSeconds,
            }));
        }
    }

    private ChatFailure Failure(Exception e, string? cancelled, bool turnTimedOut)
    {
        var (code, message, retryAfter) = e switch
        {
            // Whatever the provider SDK made of the cancellation.
            _ when cancelled is not null => (ChatErrorCode.Cancelled, cancelled, (TimeSpan?)null),
            ProviderException p => (p.Code, p.Message, p.RetryAfter),
            OperationCanceledException when turnTimedOut =>
                (ChatErrorCode.TurnTimeout, $"the turn took longer than {_options.TurnTimeout.TotalMinutes:0.#} min (Chat:TurnTimeout)", null),
            OperationCanceledException => (ChatErrorCode.Interrupted, "the desktop agent stopped while answering", (TimeSpan?)null),
            _ => (ChatErrorCode.ProviderError, $"the agent failed: {e.GetType().Name}", null),
        };
        return new ChatFailure(ChatErrorCodes.Name(code), message, ChatErrorCodes.Status(code),
            retryAfter is { } wait ? (int)Math.Ceiling(wait.TotalSeconds) : null);
    }

    private async Task<string?> RecallAsync(string message, CancellationToken cancellationToken)
    {
        if (Memory is null || _embedder is null || _options.Recall == 0) return null;
        try
        {
            await _memoryWrites.WaitAsync(cancellationToken);
            if (Memory.Count == 0) return null;
            var matches = Memory.Recall(await _embedder.EmbedAsync(message, cancellationToken), _options.Recall, _options.RecallThreshold);
            return matches.Count == 0 ? null
                : "Notes from earlier conversations with this user (your memory; use them if they help):\n"
                  + string.Join("\n", matches.Select(m => $"- [{m.Entry.CreatedAt:yyyy-MM-dd}] {m.Entry.Text}"));
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.MemoryFailed(_logger, "recall", e.GetType().Name);
            return null;
        }
    }

    private void Remember(string id, string message, string response)
    {
        if (Memory is not { } memory || _embedder is null) return;
        var text = $"User: {Shorten(message, 1000)}\nAssistant: {Shorten(response, 1000)}";
        var previous = _memoryWrites;
        _memoryWrites = Task.Run(async () =>
        {
            await previous;
            try
            {
                var vector = await _embedder.EmbedAsync(text, _stopping);
                await memory.AddAsync(new MemoryEntry(id, text, _time.GetUtcNow(), vector), _stopping);
            }
            catch (Exception e) when (e is not OperationCanceledException || !_stopping.IsCancellationRequested)
            {
                Log.MemoryFailed(_logger, "store", e.GetType().Name);
            }
        }, CancellationToken.None);
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..max] + "…";

    private static string NewId() => "msg_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    private static partial class Log
    {
        [LoggerMessage(20, LogLevel.Information, "Chat is on: {Settings}")]
        public static partial void ChatOn(ILogger logger, string settings);

        [LoggerMessage(21, LogLevel.Information, "Chat is off: {Reason}")]
        public static partial void ChatOff(ILogger logger, string reason);

        [LoggerMessage(22, LogLevel.Information, "Chat turn {MessageId} answered after {Steps} tool steps")]
        public static partial void TurnDone(ILogger logger, string messageId, int steps);

        [LoggerMessage(23, LogLevel.Warning, "Chat turn {MessageId} failed: {Code}: {Message}")]
        public static partial void TurnFailed(ILogger logger, string messageId, string code, string message);

        [LoggerMessage(24, LogLevel.Warning, "Chat memory {Operation} failed ({Error}); the turn goes on without it")]
        public static partial void MemoryFailed(ILogger logger, string operation, string error);

        [LoggerMessage(25, LogLevel.Error, "Chat history could not be written: {Error}")]
        public static partial void HistoryWriteFailed(ILogger logger, string error);
    }
}
