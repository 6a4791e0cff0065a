using System.Collections.Concurrent;
using k8s;
using k8s.Models;
using LeBureau.ApiServer.Hosting;
using LeBureau.Resources;

namespace LeBureau.ApiServer.Activity;

/// <summary>
/// Marks a desktop active after control and chat calls by patching its <c>lebureau.io/last-activity</c>
/// annotation, coalesced per desktop (this replica's memory and the annotation other replicas wrote).
/// </summary>
internal sealed class ActivityRecorder(IKubernetes client, TimeProvider clock, ILogger<ActivityRecorder> logger)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _recorded = new();

    public async Task RecordAsync(Desktop desktop, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(desktop);
        var now = clock.GetUtcNow();
        var uid = desktop.Metadata.Uid;
        DateTimeOffset? last = _recorded.TryGetValue(uid, out var mine) ? mine : null;
        var annotated = ActivityCoalescing.Parse(desktop.Metadata.Annotations is { } a && a.TryGetValue(Annotations.LastActivity, out var value) ? value : null);
        if (annotated > last || last is null) last = annotated;
        if (!ActivityCoalescing.ShouldRecord(last, desktop.Spec.IdleTimeout, now)) return;
        _recorded[uid] = now;
        var patch = new { metadata = new { annotations = new Dictionary<string, string> { [Annotations.LastActivity] = ActivityCoalescing.Format(now) } } };
        try
        {
            await client.CustomObjects.PatchNamespacedCustomObjectAsync(
                new V1Patch(KubernetesJson.Serialize(patch), V1Patch.PatchType.MergePatch),
                Desktop.Group, Desktop.Version, desktop.Metadata.NamespaceProperty, Desktop.Plural, desktop.Metadata.Name,
                cancellationToken: cancellationToken);
        }
        catch (Exception e) when (e is k8s.Autorest.HttpOperationException or HttpRequestException)
        {
            ApiServerLog.ActivityFailed(logger, desktop.Metadata.NamespaceProperty, desktop.Metadata.Name, e.Message);
        }
    }
}
