using System.Diagnostics;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace LeBureau.Operator.Runtime;

/// <summary>
/// Wires an <see cref="Informer{T}"/> to a <see cref="WorkQueue"/> and N workers that call an <see cref="IReconciler{T}"/>.
/// Every Added/Modified/Deleted event (status changes and resyncs included) queues the object's key; owned
/// children (<see cref="Owns{TChild}"/>) and mapped objects (<see cref="Watches{TOther}"/>) queue their owner.
/// </summary>
public sealed partial class Controller<T> : IController where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly Informer<T> _informer;
    private readonly IReconciler<T> _reconciler;
    private readonly ControllerOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly IReconcileObserver? _observer;

    public Controller(string name, Informer<T> informer, IReconciler<T> reconciler, ControllerOptions? options,
        ILogger<Controller<T>> logger, TimeProvider? time = null, IReconcileObserver? observer = null)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        _informer = informer ?? throw new ArgumentNullException(nameof(informer));
        _reconciler = reconciler ?? throw new ArgumentNullException(nameof(reconciler));
        _options = options ?? new ControllerOptions();
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _time = time ?? TimeProvider.System;
        _observer = observer;
        Queue = new WorkQueue(_time, _options.Queue);
        _informer.Changed += (_, old, current) =>
        {
            var item = current ?? old;
            if (item is not null) Queue.Add(ObjectKey.Of(item.Metadata.NamespaceProperty, item.Metadata.Name));
        };
    }

    private readonly List<IInformer> _secondaries = [];

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>The queue (exposed for metrics and tests).</summary>
    public WorkQueue Queue { get; }

    /// <inheritdoc />
    public int QueueDepth => Queue.Depth;

    /// <summary>Reconciles the owner (a controller owner reference of this kind) whenever a <typeparamref name="TChild"/> changes.</summary>
    public Controller<T> Owns<TChild>(Informer<TChild> children) where TChild : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(children);
        var type = _informer.Type;
        return Watches(children, child => (child.Metadata.OwnerReferences ?? [])
            .Where(o => o.Controller == true && o.Kind == type.Kind && o.ApiVersion == type.ApiVersion)
            .Select(o => ObjectKey.Of(child.Metadata.NamespaceProperty, o.Name)));
    }

    /// <summary>Reconciles the keys <paramref name="map"/> returns whenever a <typeparamref name="TOther"/> changes (e.g. a Secret → the desktops that use it).</summary>
    public Controller<T> Watches<TOther>(Informer<TOther> other, Func<TOther, IEnumerable<string>> map)
        where TOther : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(other);
        ArgumentNullException.ThrowIfNull(map);
        WaitsFor(other);
        other.Changed += (_, old, current) =>
        {
            foreach (var item in new[] { old, current })
            {
                if (item is null) continue;
                foreach (var key in map(item)) Queue.Add(key);
            }
        };
        return this;
    }

    /// <summary>
    /// Starts no reconcile before <paramref name="other"/> has synced: a reconciler that reads a cache still filling
    /// decides from a partial world (a provider Secret "missing", a VM "absent") and regresses statuses on a cold start.
    /// Informers passed to <see cref="Watches"/> and <see cref="Owns"/> are waited for already.
    /// </summary>
    public Controller<T> WaitsFor(IInformer other)
    {
        ArgumentNullException.ThrowIfNull(other);
        lock (_secondaries)
        {
            if (!_secondaries.Contains(other)) _secondaries.Add(other);
        }
        return this;
    }

    /// <inheritdoc />
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await _informer.WaitForSyncAsync(cancellationToken);
        IInformer[] secondaries;
        lock (_secondaries)
        {
            secondaries = [.. _secondaries];
        }
        await Task.WhenAll(secondaries.Select(s => s.WaitForSyncAsync(cancellationToken)));
        foreach (var item in _informer.List()) Queue.Add(ObjectKey.Of(item.Metadata.NamespaceProperty, item.Metadata.Name));
        Log.Started(_logger, Name, _options.Workers);
        var workers = Enumerable.Range(0, Math.Max(1, _options.Workers)).Select(_ => Task.Run(() => WorkAsync(cancellationToken), cancellationToken));
        try
        {
            await Task.WhenAll(workers);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Log.Stopped(_logger, Name);
        }
    }

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var key = await Queue.TakeAsync(cancellationToken);
            try
            {
                await ProcessAsync(key, cancellationToken);
            }
            finally
            {
                Queue.Done(key);
            }
        }
    }

    private async Task ProcessAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = ObjectKey.Parse(key);
        var cached = _informer.Get(ns, name);
        if (cached is null)
        {
            Queue.Forget(key);
            return;
        }
        // Reconcilers get their own copy: the cached object is shared with every other reader of the informer
        // (and is the "old" side of the next watch event), so it must never be mutated.
        var entity = KubernetesJson.Deserialize<T>(KubernetesJson.Serialize(cached));
        var started = Stopwatch.GetTimestamp();
        ReconcileOutcome outcome;
        try
        {
            var result = await _reconciler.ReconcileAsync(entity, cancellationToken);
            if (result.IsFailure)
            {
                outcome = ReconcileOutcome.Failure;
                var delay = result.Delay ?? Queue.AddRateLimited(key);
                if (result.Delay is { } d) Queue.AddAfter(key, d);
                Log.Failed(_logger, Name, key, result.Error!, delay);
            }
            else
            {
                outcome = ReconcileOutcome.Success;
                Queue.Forget(key);
                if (result.Delay is { } d) Queue.AddAfter(key, d);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        catch (KubeApiException e) when (e.IsConflict)
        {
            // The cache was behind a write: expected now and then, retried once the fresher object arrives.
            outcome = ReconcileOutcome.Failure;
            Log.Conflict(_logger, Name, key, Queue.AddRateLimited(key));
        }
        catch (Exception e)
        {
            outcome = ReconcileOutcome.Error;
            var delay = Queue.AddRateLimited(key);
            Log.Threw(_logger, Name, key, delay, e);
        }
        _observer?.Reconciled(Name, Stopwatch.GetElapsedTime(started), outcome);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "controller {Controller} started with {Workers} workers")]
        public static partial void Started(ILogger logger, string controller, int workers);

        [LoggerMessage(Level = LogLevel.Information, Message = "controller {Controller} stopped")]
        public static partial void Stopped(ILogger logger, string controller);

        [LoggerMessage(Level = LogLevel.Warning, Message = "{Controller} {Key}: {Error}; retry in {Delay}")]
        public static partial void Failed(ILogger logger, string controller, string key, string error, TimeSpan delay);

        [LoggerMessage(Level = LogLevel.Debug, Message = "{Controller} {Key}: conflict with a newer version; retry in {Delay}")]
        public static partial void Conflict(ILogger logger, string controller, string key, TimeSpan delay);

        [LoggerMessage(Level = LogLevel.Error, Message = "{Controller} {Key} threw; retry in {Delay}")]
        public static partial void Threw(ILogger logger, string controller, string key, TimeSpan delay, Exception exception);
    }
}
