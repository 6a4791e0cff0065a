using System.Collections.Concurrent;
using k8s;
using LeBureau.Operator.Runtime;
using LeBureau.Resources;
using Microsoft.Extensions.Logging;

namespace LeBureau.Operator.Tasks;

/// <summary>
/// Learns the moment a task's run ends instead of polling for it: one held question per running task
/// (<c>GET runs/{id}?waitMs=</c>, <see cref="AgentRunClient.WhenEndedAsync"/>) in the background, which puts the task
/// back on the controller's queue as soon as its run has ended or the agent stops answering. A task deleted while its
/// run goes on has that run cancelled on the desktop: deleting a task leaves nothing running.
/// </summary>
/// <remarks>
/// In memory only: after an operator restart the reconciler watches its running tasks again on their first pass. The
/// reconciler's own requeue (<see cref="TaskPolicy.PollInterval"/>) stays as the safety net for a lost answer.
/// </remarks>
public sealed partial class RunWatcher : IDisposable
{
    /// <summary>How long one question is held by the agent before it is asked again.</summary>
    public static readonly TimeSpan Hold = TimeSpan.FromSeconds(25);

    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private readonly AgentRunClient _agent;
    private readonly ILogger<RunWatcher> _logger;
    private readonly ConcurrentDictionary<string, Watch> _watches = new();
    private readonly CancellationTokenSource _stop = new();
    private WorkQueue? _queue;

    /// <summary>Watches the runs of the tasks in <paramref name="tasks"/>; cancels the run of one deleted there.</summary>
    public RunWatcher(AgentRunClient agent, Informer<DesktopTask> tasks, ILogger<RunWatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        _agent = agent;
        _logger = logger;
        tasks.Changed += OnTaskChanged;
    }

    /// <summary>Running watches (for tests and metrics).</summary>
    public int Count => _watches.Count;

    /// <summary>The controller queue that an ended run's task goes back on.</summary>
    public void Attach(WorkQueue queue) => _queue = queue;

    /// <summary>Watches the run of <paramref name="task"/> on the agent at <paramref name="endpoint"/>, unless already watched.</summary>
    public void Start(DesktopTask task, string endpoint, string token)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (_queue is null || _stop.IsCancellationRequested) return;
        var watch = new Watch(ObjectKey.Of(task.Metadata.NamespaceProperty, task.Metadata.Name), task.Metadata.Uid, endpoint, token,
            CancellationTokenSource.CreateLinkedTokenSource(_stop.Token));
        if (!_watches.TryAdd(watch.Uid, watch))
        {
            watch.Stop.Dispose();
            return;
        }
        _ = Task.Run(() => RunAsync(watch, _queue), CancellationToken.None);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }

    private async Task RunAsync(Watch watch, WorkQueue queue)
    {
        try
        {
            while (!watch.Stop.IsCancellationRequested)
            {
                var seen = await _agent.WhenEndedAsync(watch.Endpoint, watch.Token, watch.Uid, Hold, watch.Stop.Token);
                if (watch.Stop.IsCancellationRequested) break;
                if (seen.Kind == RunObservationKind.Found && !seen.State!.IsFinal) continue;
                // Ended, gone or unanswered: the reconciler decides what that means for the task.
                queue.Add(watch.Key);
                if (seen.Kind != RunObservationKind.Unreachable) break;
                await Task.Delay(RetryDelay, watch.Stop.Token);
            }
        }
        catch (OperationCanceledException) when (watch.Stop.IsCancellationRequested)
        {
            // The task was deleted, or the operator stops.
        }
        catch (Exception e)
        {
            // A watch never takes the operator down; the reconciler's requeue still observes the run.
            Log.Failed(_logger, watch.Key, e.Message);
        }
        finally
        {
            _watches.TryRemove(new KeyValuePair<string, Watch>(watch.Uid, watch));
            watch.Stop.Dispose();
        }
    }

    private void OnTaskChanged(WatchEventType type, DesktopTask? before, DesktopTask? after)
    {
        if (type != WatchEventType.Deleted || before is null || !_watches.TryGetValue(before.Metadata.Uid, out var watch)) return;
        try
        {
            watch.Stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            return;
        }
        _ = Task.Run(() => CancelRunAsync(watch), CancellationToken.None);
    }

    private async Task CancelRunAsync(Watch watch)
    {
        // Bounded by the client's own request timeout; not tied to the operator's stop, so a deletion is not half done.
        var outcome = await _agent.CancelAsync(watch.Endpoint, watch.Token, watch.Uid, CancellationToken.None);
        Log.CancelledDeleted(_logger, watch.Key, outcome.Kind.ToString(), outcome.State?.Status.ToString() ?? outcome.Error ?? "");
    }

    private sealed record Watch(string Key, string Uid, string Endpoint, string Token, CancellationTokenSource Stop);

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "task {Key} was deleted while its run went on: run cancelled ({Kind} {Outcome})")]
        public static partial void CancelledDeleted(ILogger logger, string key, string kind, string outcome);

        [LoggerMessage(Level = LogLevel.Warning, Message = "watching the run of task {Key} failed: {Error}")]
        public static partial void Failed(ILogger logger, string key, string error);
    }
}
