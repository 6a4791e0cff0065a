using System.Text.Json;
using LeBureau.Events;
using LeBureau.Resources;

namespace LeBureau.Operator.Events;

/// <summary>
/// Decides which events a change of a Desktop produces. Every event carries a dedup key and the state it
/// reports, so that a new leader replaying the whole cache (or a resync) publishes nothing twice.
/// </summary>
public static class DesktopEventRules
{
    /// <summary>The events for a change from <paramref name="old"/> to <paramref name="current"/> (null: added / deleted).</summary>
    public static IEnumerable<EventDraft> Changes(Desktop? old, Desktop? current, DateTimeOffset now, DesktopFigures? figures = null)
    {
        if (current is null)
        {
            if (old is null) yield break;
            yield return Status(old, "destroyed", figures);
            yield break;
        }
        var phase = current.Status.Phase;
        if (phase is { } p && (old is null || old.Status.Phase != p))
        {
            yield return Status(current, StatusName(p), figures);
            var lifecycle = p switch
            {
                DesktopPhase.Running => EventTypes.DesktopStarted,
                DesktopPhase.Stopped => EventTypes.DesktopStopped,
                DesktopPhase.Error => EventTypes.DesktopError,
                _ => null,
            };
            if (lifecycle is not null)
            {
                yield return Draft(current, lifecycle, Activity(current, StatusName(p), now), "lifecycle",
                    $"{lifecycle}@{current.Status.StartedAt?.ToUnixTimeMilliseconds()}");
            }
        }
        if (current.Status.AgentReady && old?.Status.AgentReady != true)
        {
            // One agentReady per boot: the boot's start time tells two boots apart.
            yield return Draft(current, EventTypes.DesktopAgentReady, Payload(current, StatusName(phase ?? DesktopPhase.Running), figures),
                "agentReady", $"{current.Status.StartedAt?.ToUnixTimeMilliseconds()}");
        }
    }

    /// <summary>A desktop.metrics event (never deduplicated: each sample is news).</summary>
    public static EventDraft Metrics(Desktop desktop, DesktopFigures figures) =>
        new(desktop.Metadata.NamespaceProperty, EventTypes.DesktopMetrics,
            Payload(desktop, StatusName(desktop.Status.Phase ?? DesktopPhase.Running), figures));

    /// <summary>The API's lowercase status name of a phase.</summary>
    public static string StatusName(DesktopPhase phase) => phase.ToString().ToLowerInvariant();

    private static EventDraft Status(Desktop desktop, string status, DesktopFigures? figures) =>
        Draft(desktop, EventTypes.DesktopStatus, Payload(desktop, status, figures), "status", status);

    private static EventDraft Draft(Desktop desktop, string type, string payload, string dedup, string value) =>
        new(desktop.Metadata.NamespaceProperty, type, payload, $"{desktop.Metadata.Uid}:{dedup}", value);

    private static string Payload(Desktop desktop, string status, DesktopFigures? figures) => JsonSerializer.Serialize(new
    {
        id = desktop.Metadata.Uid,
        name = desktop.Spec.DisplayName,
        status,
        ipAddress = desktop.Status.IpAddress,
        agentReady = desktop.Status.AgentReady,
        cpu = figures?.Cpu,
        memory = figures?.MemoryPercent,
        disk = figures?.DiskPercent,
    });

    private static string Activity(Desktop desktop, string status, DateTimeOffset now) => JsonSerializer.Serialize(new
    {
        desktopId = desktop.Metadata.Uid,
        name = desktop.Spec.DisplayName,
        status,
        at = now,
    });
}
