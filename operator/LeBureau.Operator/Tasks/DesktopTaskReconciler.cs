using System.Collections.Concurrent;
using System.Text;
using k8s.Models;
using LeBureau.Operator.Desktops;
using LeBureau.Operator.Runtime;
using LeBureau.Resources;
using Microsoft.Extensions.Logging;

namespace LeBureau.Operator.Tasks;

/// <summary>
/// The DesktopTask reconcile loop: observe (the task's desktop and sibling tasks from the caches; the run from the
/// agent when the plan asks) → plan (<see cref="TaskPolicy.Decide"/>) → act (start the desktop, start or cancel the
/// run) → write status once if changed → requeue while running.
/// </summary>
/// <remarks>
/// A task never runs twice, across operator restarts and leader changes too: its run id on the agent is the task's uid,
/// the operator asks the agent about that id (GET runs/{uid}) before it starts anything, and POST runs is idempotent
/// by id on the agent. A new operator that finds a task pending or running whose run already exists adopts the run.
/// </remarks>
public sealed partial class DesktopTaskReconciler(
    ResourceClient<DesktopTask> taskClient,
    Informer<DesktopTask> tasks,
    Informer<Desktop> desktops,
    ResourceClient<Desktop> desktopClient,
    Informer<V1Secret> secrets,
    AgentRunClient agent,
    RunWatcher watcher,
    EventRecorder events,
    TimeProvider time,
    ILogger<DesktopTaskReconciler> logger) : IReconciler<DesktopTask>
{
    /// <summary>The informer index of tasks by their desktop ("namespace/desktop").</summary>
    public const string ByDesktop = "desktop";

    private readonly StatusWriter<DesktopTask, DesktopTask.DesktopTaskStatus> _status = new(taskClient);

    // Starts on one desktop are serialised: the check that no other task of the desktop runs, the POST and the status
    // write happen under the desktop's lock, so two tasks decided from one stale cache never both start.
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _starts = new();

    // The task whose run this operator started last on each desktop: the cache may not show it running yet when the
    // next task of that desktop is decided (a watch event behind the status write). Only one runs per desktop at a
    // time, so the last one started is the only one the cache can be behind about.
    private readonly ConcurrentDictionary<string, string> _lastStarted = new();

    /// <summary>The <see cref="ByDesktop"/> key of a task.</summary>
    public static IEnumerable<string> DesktopKey(DesktopTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return [ObjectKey.Of(task.Metadata.NamespaceProperty, task.Spec.DesktopRef)];
    }

    /// <inheritdoc />
    public async Task<ReconcileResult> ReconcileAsync(DesktopTask task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.Metadata.DeletionTimestamp is not null) return ReconcileResult.Success;
        // The controller waits for the task cache only: deciding from a Desktop cache still filling (right after an
        // operator start) would fail every task as DesktopNotFound.
        await desktops.WaitForSyncAsync(cancellationToken);
        await secrets.WaitForSyncAsync(cancellationToken);
        var ns = task.Metadata.NamespaceProperty;
        var desktopKey = ObjectKey.Of(ns, task.Spec.DesktopRef);
        var desktop = desktops.Get(ns, task.Spec.DesktopRef);
        var siblings = tasks.ByIndex(ByDesktop, desktopKey);
        var now = time.GetUtcNow();

        var plan = TaskPolicy.Decide(task, desktop, siblings, null, now);
        RunObservation? seen = null;
        if (plan.Action == TaskAction.ObserveRun)
        {
            seen = await ObserveAsync(desktop!, task, cancellationToken);
            plan = TaskPolicy.Decide(task, desktop, siblings, seen, now);
        }

        switch (plan.Action)
        {
            case TaskAction.StartDesktop:
                await desktopClient.MergePatchAsync(ns, desktop!.Metadata.Name, new { spec = new { running = true } }, cancellationToken);
                await events.RecordAsync(task, EventRecorder.Normal, "StartingDesktop", $"starting desktop {desktop.Metadata.Name} (spec.startDesktop)", cancellationToken);
                break;
            case TaskAction.StartRun:
                return await StartAsync(task, desktop!, desktopKey, now, cancellationToken);
            case TaskAction.CancelRun:
                var (endpoint, token) = Agent(desktop!);
                var cancelled = token is null ? RunObservation.Unreachable("no agent token") : await agent.CancelAsync(endpoint, token, task.Metadata.Uid, cancellationToken);
                if (cancelled.Kind == RunObservationKind.Unreachable) return ReconcileResult.Failure($"cancelling the run: {cancelled.Error}");
                // A cancelled run may have printed more since the last poll: keep what it printed.
                if (cancelled.State is { } final) TaskPolicy.CopyRun(plan.Status, final);
                break;
        }
        Watch(task, desktop, plan, seen);
        return await WriteAsync(task, plan, cancellationToken);
    }

    private async Task<ReconcileResult> StartAsync(DesktopTask task, Desktop desktop, string desktopKey, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var gate = _starts.GetOrAdd(desktopKey, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            // Decided again under the desktop's lock: the task itself from the API server (not the cache), its siblings
            // from the cache with the one this operator started last counted as running until the cache shows more.
            var self = await taskClient.GetAsync(task.Metadata.NamespaceProperty, task.Metadata.Name, cancellationToken);
            // Gone, replaced, or moved on since the cache saw it (its next change reconciles it again).
            if (self is null || self.Metadata.Uid != task.Metadata.Uid || self.Status?.Phase != TaskPhase.Pending) return ReconcileResult.Success;
            var fresh = Siblings(desktopKey, self);
            var plan = TaskPolicy.Decide(self, desktop, fresh, RunObservation.Missing, now);
            if (plan.Action == TaskAction.StartRun)
            {
                var (endpoint, token) = Agent(desktop);
                var started = token is null ? RunObservation.Unreachable("no agent token") : await agent.StartAsync(endpoint, token, plan.Request!, cancellationToken);
                if (started.Kind == RunObservationKind.Found)
                {
                    _lastStarted[desktopKey] = self.Metadata.Uid;
                    Log.Started(logger, self.Metadata.NamespaceProperty, self.Metadata.Name, desktop.Metadata.Name);
                }
                plan = TaskPolicy.Decide(self, desktop, fresh, started.Kind == RunObservationKind.Missing ? RunObservation.Unreachable("404 on POST runs") : started, now);
                Watch(self, desktop, plan, started);
            }
            return await WriteAsync(self, plan, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// The tasks of a desktop from the cache, <paramref name="self"/> as just read, and the task this operator started
    /// last there as running while the cache still shows it pending (see <see cref="_lastStarted"/>).
    /// </summary>
    private List<DesktopTask> Siblings(string desktopKey, DesktopTask self)
    {
        _lastStarted.TryGetValue(desktopKey, out var lastStarted);
        var siblings = new List<DesktopTask> { self };
        foreach (var sibling in tasks.ByIndex(ByDesktop, desktopKey))
        {
            if (sibling.Metadata.Uid == self.Metadata.Uid) continue;
            var behind = sibling.Metadata.Uid == lastStarted && sibling.Status?.Phase is null or TaskPhase.Pending;
            siblings.Add(behind ? new DesktopTask
            {
                Metadata = sibling.Metadata, Spec = sibling.Spec, Status = new DesktopTask.DesktopTaskStatus { Phase = TaskPhase.Running },
            } : sibling);
        }
        return siblings;
    }

    /// <summary>
    /// Has the <see cref="RunWatcher"/> report the end of a run the agent has just said goes on. Only then: a run already
    /// ended, or a desktop not ready, would have the watch answer at once and requeue the task in a tight loop.
    /// </summary>
    private void Watch(DesktopTask task, Desktop? desktop, TaskPlan plan, RunObservation? seen)
    {
        if (desktop is null || seen is not { Kind: RunObservationKind.Found, State.IsFinal: false }) return;
        if (plan.Status.Phase != TaskPhase.Running || plan.Action == TaskAction.CancelRun) return;
        var (endpoint, token) = Agent(desktop);
        if (token is not null && endpoint.Length > 0) watcher.Start(task, endpoint, token);
    }

    private async Task<ReconcileResult> WriteAsync(DesktopTask task, TaskPlan plan, CancellationToken cancellationToken)
    {
        var before = task.Status?.Phase;
        var after = plan.Status.Phase;
        var stored = await _status.WriteAsync(task, plan.Status, cancellationToken);
        if (stored is not null && before != after) await AnnounceAsync(task, plan.Status, cancellationToken);
        return plan.RequeueAfter is { } delay ? ReconcileResult.RequeueAfter(delay) : ReconcileResult.Success;
    }

    private async Task AnnounceAsync(DesktopTask task, DesktopTask.DesktopTaskStatus status, CancellationToken cancellationToken)
    {
        Log.Phase(logger, task.Metadata.NamespaceProperty, task.Metadata.Name, task.Status?.Phase?.ToString() ?? "-", status.Phase?.ToString() ?? "-");
        var completed = status.Conditions?.FirstOrDefault(c => c.Type == ConditionTypes.Completed);
        switch (status.Phase)
        {
            case TaskPhase.Running:
                await events.RecordAsync(task, EventRecorder.Normal, ConditionReasons.TaskRunning, $"running on desktop {task.Spec.DesktopRef}", cancellationToken);
                break;
            case TaskPhase.Review:
                await events.RecordAsync(task, EventRecorder.Normal, "Review", "finished; waiting for a review decision", cancellationToken);
                break;
            case TaskPhase.Done or TaskPhase.Cancelled:
                await events.RecordAsync(task, EventRecorder.Normal, completed?.Reason ?? status.Phase.ToString()!, completed?.Message ?? "", cancellationToken);
                break;
            case TaskPhase.Failed:
                await events.RecordAsync(task, EventRecorder.Warning, completed?.Reason ?? ConditionReasons.TaskFailed, status.Message ?? "failed", cancellationToken);
                break;
        }
    }

    private async Task<RunObservation> ObserveAsync(Desktop desktop, DesktopTask task, CancellationToken cancellationToken)
    {
        var (endpoint, token) = Agent(desktop);
        return token is null ? RunObservation.Unreachable("no agent token") : await agent.GetAsync(endpoint, token, task.Metadata.Uid, cancellationToken);
    }

    /// <summary>The desktop's agent endpoint and token (from the Secret cache; null when the Secret is not there).</summary>
    private (string Endpoint, string? Token) Agent(Desktop desktop)
    {
        var secret = secrets.Get(desktop.Metadata.NamespaceProperty, DesktopNames.AgentTokenSecret(desktop.Metadata.Name));
        var token = secret?.Data?.TryGetValue(DesktopNames.TokenKey, out var bytes) == true ? Encoding.UTF8.GetString(bytes) : null;
        return (desktop.Status.AgentEndpoint ?? "", token);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "task {Namespace}/{Name}: {From} → {To}")]
        public static partial void Phase(ILogger logger, string @namespace, string name, string from, string to);

        [LoggerMessage(Level = LogLevel.Information, Message = "task {Namespace}/{Name}: run started on desktop {Desktop}")]
        public static partial void Started(ILogger logger, string @namespace, string name, string desktop);
    }
}
