namespace LeBureau.DesktopAgent.Chat;

/// <summary>
/// The events of one running turn, kept until it ends so that any number of readers can follow it from the start.
/// The turn runs on its own: a reader that goes away (a client disconnecting from the stream) stops reading, never
/// the turn; <see cref="Cancel"/> stops it.
/// </summary>
public sealed class ChatRun(string messageId, string userMessageId)
{
    private readonly List<ChatEvent> _events = [];
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _cancel = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The assistant message this turn writes.</summary>
    public string MessageId { get; } = messageId;

    /// <summary>The user message it answers.</summary>
    public string UserMessageId { get; } = userMessageId;

    /// <summary>True once the final event was emitted.</summary>
    public bool IsFinished { get; private set; }

    /// <summary>Why the turn was cancelled, once <see cref="Cancel"/> was called before it ended.</summary>
    public string? CancelReason { get; private set; }

    /// <summary>Fires on <see cref="Cancel"/>; linked into the turn's token.</summary>
    internal CancellationToken Cancelled => _cancel.Token;

    /// <summary>
    /// Cancels the turn unless it already ended: it ends with a <c>cancelled</c> error whose message is
    /// <paramref name="reason"/> (the first reason given wins).
    /// </summary>
    public void Cancel(string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        lock (_lock)
        {
            if (IsFinished || CancelReason is not null) return;
            CancelReason = reason;
        }
        _cancel.Cancel();
    }

    /// <summary>Appends an event and wakes the readers.</summary>
    public void Emit(ChatEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        TaskCompletionSource changed;
        lock (_lock)
        {
            if (IsFinished) return;
            _events.Add(e);
            IsFinished = e.IsFinal;
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        changed.TrySetResult();
    }

    /// <summary>Every event from the first, waiting for new ones until the final one.</summary>
    public async IAsyncEnumerable<ChatEvent> ReadAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var next = 0;
        while (true)
        {
            ChatEvent[] batch;
            Task changed;
            bool finished;
            lock (_lock)
            {
                batch = [.. _events.Skip(next)];
                next = _events.Count;
                changed = _changed.Task;
                finished = IsFinished;
            }
            foreach (var e in batch) yield return e;
            if (finished) yield break;
            await changed.WaitAsync(cancellationToken);
        }
    }
}
