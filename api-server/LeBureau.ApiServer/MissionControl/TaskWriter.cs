using k8s;
using k8s.Models;
using LeBureau.ApiServer.Cache;
using LeBureau.ApiServer.Hosting;
using LeBureau.Resources;

namespace LeBureau.ApiServer.MissionControl;

/// <summary>Writes DesktopTasks to the Kubernetes API; applies each result to the cache for read-your-writes.</summary>
internal sealed class TaskWriter(IKubernetes client, ResourceCaches caches, TimeProvider clock, ILogger<TaskWriter> logger)
{
    /// <summary>Creates a task (name <c>task-…</c>) on <paramref name="desktop"/>, labelled with the desktop's name.</summary>
    public async Task<DesktopTask> CreateAsync(Desktop desktop, DesktopTask.DesktopTaskSpec spec, CancellationToken cancellationToken)
    {
        var ns = desktop.Metadata.NamespaceProperty;
        var task = await client.CustomObjects.CreateNamespacedCustomObjectAsync<DesktopTask>(
            new DesktopTask
            {
                Metadata = new V1ObjectMeta
                {
                    GenerateName = "task-",
                    Labels = new Dictionary<string, string> { [Labels.Desktop] = desktop.Metadata.Name },
                    Annotations = new Dictionary<string, string>
                    {
                        [Annotations.CreatedAt] = clock.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                    },
                },
                Spec = spec,
            },
            Desktop.Group, Desktop.Version, ns, DesktopTask.Plural, cancellationToken: cancellationToken);
        caches.Tasks.Upsert(task);
        ApiServerLog.TaskCreated(logger, ns, task.Metadata.Name, desktop.Metadata.Name);
        return task;
    }

    /// <summary>
    /// Merge-patches the spec. With <paramref name="guarded"/>, the cached resourceVersion must still be current, so that
    /// a decision taken on a stale view answers 409 instead of overwriting another one.
    /// </summary>
    public async Task<DesktopTask> PatchSpecAsync(DesktopTask task, object spec, bool guarded, CancellationToken cancellationToken)
    {
        object patch = guarded ? new { metadata = new { resourceVersion = task.Metadata.ResourceVersion }, spec } : new { spec };
        var patched = await client.CustomObjects.PatchNamespacedCustomObjectAsync<DesktopTask>(
            new V1Patch(KubernetesJson.Serialize(patch), V1Patch.PatchType.MergePatch),
            Desktop.Group, Desktop.Version, task.Metadata.NamespaceProperty, DesktopTask.Plural, task.Metadata.Name,
            cancellationToken: cancellationToken);
        caches.Tasks.Upsert(patched);
        return patched;
    }
}
