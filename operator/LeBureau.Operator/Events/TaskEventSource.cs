using k8s;
using LeBureau.Events;
using LeBureau.Operator.Runtime;
using LeBureau.Resources;

namespace LeBureau.Operator.Events;

/// <summary>
/// Turns DesktopTask changes into activity events (<c>task.*</c>, <c>approval.*</c>) while this operator leads; on
/// taking the lead it replays the cache through <see cref="TaskEventRules"/>, whose dedup keys keep anything from
/// going out twice.
/// </summary>
public sealed class TaskEventSource(Informer<DesktopTask> tasks, Informer<Desktop> desktops, EventPublisher publisher) : IController
{
    public string Name => "task-events";

    public int QueueDepth => 0;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        void OnChange(WatchEventType type, DesktopTask? old, DesktopTask? current) => Emit(old, current);
        await tasks.WaitForSyncAsync(cancellationToken);
        await desktops.WaitForSyncAsync(cancellationToken);
        tasks.Changed += OnChange;
        try
        {
            foreach (var task in tasks.List()) Emit(null, task);
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Lost the lead or shutting down.
        }
        finally
        {
            tasks.Changed -= OnChange;
        }
    }

    private void Emit(DesktopTask? old, DesktopTask? current)
    {
        if (current is null) return;
        var desktopId = desktops.Get(current.Metadata.NamespaceProperty, current.Spec.DesktopRef)?.Metadata.Uid;
        foreach (var draft in TaskEventRules.Changes(old, current, desktopId)) publisher.Publish(draft);
    }
}
