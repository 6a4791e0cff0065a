using System.ComponentModel;
using System.Text;
using LeBureau.AgentContract;
using LeBureau.DesktopAgent.Chat;
using LeBureau.DesktopAgent.Exec;
using Microsoft.Extensions.Options;

namespace LeBureau.DesktopAgent.Runs;

/// <summary>
/// Mission control's runs on this desktop: a command (<c>bash -c</c> in its own process group, through
/// <see cref="ProcessRunner"/>) or a prompt (a turn of the <see cref="ChatSession"/>), started once per id, run in the
/// background, cancellable, bounded by their timeout, and kept in <see cref="RunStore"/> at start and at end. A run
/// still running when the agent stops is left so on disk, and the next agent marks it failed (interrupted).
/// </summary>
internal sealed partial class RunService
{
    /// <summary>Run files kept on the data disk; the oldest go first.</summary>
    public const int MaxKeptRuns = 1000;

    // A cancelled run ends at once (a process group killed, a chat turn stopped); this bounds the wait for one that does not.
    private static readonly TimeSpan CancelWait = TimeSpan.FromSeconds(30);

    private readonly ProcessRunner _runner;
    private readonly ChatSession _chat;
    private readonly ChatOptions _chatOptions;
    private readonly TimeProvider _time;
    private readonly ILogger<RunService> _logger;
    private readonly CancellationToken _stopping;
    private readonly RunStore _store;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ActiveRun> _active = [];

    public RunService(
        ProcessRunner runner, ChatSession chat, IOptions<ChatOptions> chatOptions, TimeProvider time, IHostApplicationLifetime lifetime, ILogger<RunService> logger)
    {
        ArgumentNullException.ThrowIfNull(chatOptions);
        ArgumentNullException.ThrowIfNull(lifetime);
        _runner = runner;
        _chat = chat;
        _chatOptions = chatOptions.Value;
        _time = time;
        _logger = logger;
        _stopping = lifetime.ApplicationStopping;
        var data = AgentDataDirectory.Resolve(_chatOptions.DataDirectory, Environment.GetEnvironmentVariable);
        _store = new RunStore(Path.Combine(data, "runs"), MaxKeptRuns, logger);
        foreach (var run in _store.Running)
        {
            _store.Save(run with { Status = RunStatus.Failed, Error = RunOutcomes.Interrupted, CompletedAt = _time.GetUtcNow() });
            Log.Interrupted(_logger, run.Id);
        }
    }

    /// <summary>
    /// Starts <paramref name="request"/>: 201 with the new run, 200 with the run that already has its id (nothing
    /// started), 400 a bad request, 409 a prompt while the chat agent is busy, 422 a prompt when chat is not configured.
    /// </summary>
    public Outcome<RunState> Start(RunRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (RunRequestRules.Validate(request) is { } invalid) return Outcome<RunState>.Fail(invalid);
        if (request.Kind == RunKind.Prompt && request.Content.Length > _chatOptions.MaxMessageLength)
        {
            return Outcome<RunState>.Fail(
                $"'content' is {request.Content.Length} characters long; the chat agent takes at most {_chatOptions.MaxMessageLength} (Chat:MaxMessageLength)");
        }
        lock (_lock)
        {
            if (Find(request.Id) is { } existing) return existing;

            ChatRun? turn = null;
            if (request.Kind == RunKind.Prompt)
            {
                if (_chat.Settings is null) return Outcome<RunState>.Fail(_chat.Unavailable!, StatusCodes.Status422UnprocessableEntity);
                turn = _chat.TryStart(request.Content, out var busy);
                if (turn is null)
                {
                    return Outcome<RunState>.Fail(
                        $"the chat agent is answering message {busy!.MessageId}; start the prompt when it is done", StatusCodes.Status409Conflict);
                }
            }
            var state = new RunState(request.Id, request.Kind, RunStatus.Running, "", false, null, turn?.MessageId, null, _time.GetUtcNow(), null);
            try
            {
                _store.Save(state);
            }
            catch
            {
                // Not on disk, so not started: a retry must be able to start it afresh.
                turn?.Cancel("the run could not be saved");
                throw;
            }
            var active = new ActiveRun(state);
            _active[request.Id] = active;
            active.Completion = turn is null
                ? Task.Run(() => RunCommandAsync(active, request), CancellationToken.None)
                : Task.Run(() => RunPromptAsync(active, turn, request.TimeoutMs), CancellationToken.None);
            Log.Started(_logger, request.Id, request.Kind);
            return new Outcome<RunState>(state, null, StatusCodes.Status201Created);
        }
    }

    /// <summary>The run <paramref name="id"/>, or null when there is none.</summary>
    public RunState? Get(string id)
    {
        lock (_lock)
        {
            return Find(id);
        }
    }

    /// <summary>
    /// The run <paramref name="id"/> once it has ended, or as it is after <paramref name="wait"/> when it still runs
    /// then (or the request is aborted); null when there is no such run.
    /// </summary>
    public async Task<RunState?> WhenEndedAsync(string id, TimeSpan wait, CancellationToken cancellationToken)
    {
        Task completion;
        lock (_lock)
        {
            if (!_active.TryGetValue(id, out var active)) return Find(id);
            completion = active.Completion;
        }
        try
        {
            await completion.WaitAsync(wait, _time, cancellationToken);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            // Still running: answer the state as it is.
        }
        return Get(id);
    }

    /// <summary>
    /// Cancels the run <paramref name="id"/> unless it has ended, and answers its final state (cancelled, or what it
    /// ended as first); null when there is no such run.
    /// </summary>
    public async Task<RunState?> CancelAsync(string id, CancellationToken cancellationToken)
    {
        ActiveRun? active;
        lock (_lock)
        {
            if (!_active.TryGetValue(id, out active)) return Find(id);
        }
        await active.Cancel.CancelAsync();
        try
        {
            await active.Completion.WaitAsync(CancelWait, _time, cancellationToken);
        }
        catch (TimeoutException)
        {
            Log.SlowCancel(_logger, id, CancelWait.TotalSeconds);
        }
        return Get(id);
    }

    private RunState? Find(string id) =>
        !RunRequestRules.IsValidId(id) ? null
        : _active.TryGetValue(id, out var active) ? active.State
        : _store.Read(id);

    private async Task RunCommandAsync(ActiveRun active, RunRequest request)
    {
        using var kill = CancellationTokenSource.CreateLinkedTokenSource(active.Cancel.Token, _stopping);
        RunState final;
        try
        {
            var result = await _runner.RunAsync(
                "run", ["bash", "-c", request.Content], null, null, null, request.TimeoutMs, RunOutput.MaxStreamBytes, kill.Token, CancellationToken.None);
            var (output, truncated) = RunOutput.OfCommand(result.Stdout, result.Stderr, result.Truncated);
            var (status, error) = RunOutcomes.OfCommand(result.ExitCode, result.TimedOut, active.Cancel.IsCancellationRequested, request.TimeoutMs);
            final = active.State with
            {
                Status = status, Output = output, OutputTruncated = truncated, ExitCode = result.ExitCode, Error = error, CompletedAt = _time.GetUtcNow(),
            };
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or Win32Exception)
        {
            final = active.State with { Status = RunStatus.Failed, Error = $"the command could not be started: {e.Message}", CompletedAt = _time.GetUtcNow() };
        }
        Finish(active, final);
    }

    private async Task RunPromptAsync(ActiveRun active, ChatRun turn, int timeoutMs)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(timeoutMs), _time);
        await using var onTimeout = timeout.Token.Register(() => turn.Cancel($"its run's timeout of {timeoutMs} ms passed"));
        await using var onCancel = active.Cancel.Token.Register(() => turn.Cancel("its run was cancelled"));
        var answer = new StringBuilder();
        ChatEvent? final = null;
        await foreach (var e in turn.ReadAllAsync(CancellationToken.None))
        {
            if (e.Type == ChatEventTypes.Text) answer.Append((string?)e.Payload["delta"]);
            final = e;
        }
        var (status, error) = RunOutcomes.OfPrompt(final!, active.Cancel.IsCancellationRequested, timeout.IsCancellationRequested, timeoutMs);
        var (output, truncated) = RunOutput.Cap(final!.Type == ChatEventTypes.Done ? (string?)final.Payload["response"] ?? "" : answer.ToString());
        Finish(active, active.State with { Status = status, Output = output, OutputTruncated = truncated, Error = error, CompletedAt = _time.GetUtcNow() });
    }

    private void Finish(ActiveRun active, RunState final)
    {
        // Stopped with the agent: left running on disk, the next agent marks it interrupted.
        if (_stopping.IsCancellationRequested) return;
        lock (_lock)
        {
            active.State = final;
            try
            {
                _store.Save(final);
                _active.Remove(final.Id);
            }
            catch (IOException e)
            {
                // Kept in memory, so that this agent still answers the final state.
                Log.SaveFailed(_logger, final.Id, e.Message);
            }
        }
        Log.Finished(_logger, final.Id, final.Status);
    }

    /// <summary>A run of this agent that has not ended yet.</summary>
    private sealed class ActiveRun(RunState state)
    {
        public RunState State { get; set; } = state;

        public CancellationTokenSource Cancel { get; } = new();

        public Task Completion { get; set; } = Task.CompletedTask;
    }

    private static partial class Log
    {
        [LoggerMessage(30, LogLevel.Information, "Run {Id} ({Kind}) started")]
        public static partial void Started(ILogger logger, string id, RunKind kind);

        [LoggerMessage(31, LogLevel.Information, "Run {Id} ended: {Status}")]
        public static partial void Finished(ILogger logger, string id, RunStatus status);

        [LoggerMessage(32, LogLevel.Warning, "Run {Id} was running when the agent stopped: marked failed (interrupted)")]
        public static partial void Interrupted(ILogger logger, string id);

        [LoggerMessage(34, LogLevel.Warning, "Run {Id} did not end within {Seconds} s of its cancellation")]
        public static partial void SlowCancel(ILogger logger, string id, double seconds);

        [LoggerMessage(35, LogLevel.Error, "Run {Id}'s final state could not be written: {Error}")]
        public static partial void SaveFailed(ILogger logger, string id, string error);
    }
}
