using LeBureau.ApiServer.Auth;
using LeBureau.ApiServer.Cache;
using LeBureau.Resources;

namespace LeBureau.ApiServer.MissionControl;

/// <summary>Resolves task ids for a caller from the watch cache, applying tenancy, and maps tasks to DTOs.</summary>
internal sealed class TaskLookup(ResourceCaches caches)
{
    public const string NotFoundDetail = "Task not found";
    public const string OtherTenantDetail = "Task belongs to another user";

    public TaskLookupResult Find(Caller caller, string id)
    {
        var (task, status) = TenantScope.Find(caches.Tasks, caller, id);
        return new TaskLookupResult(task, status);
    }

    /// <summary>The caller's tasks, newest first.</summary>
    public IEnumerable<DesktopTask> List(Caller caller) =>
        caches.Tasks.List(caller.Namespace)
            .OrderByDescending(t => t.Metadata.CreationTimestamp)
            .ThenByDescending(t => t.Metadata.Name, StringComparer.Ordinal);

    /// <summary>The DTO, with the id of the task's desktop when that desktop is in the cache.</summary>
    public TaskDto ToDto(DesktopTask task) =>
        TaskMapping.ToDto(task, caches.Desktops.Get(task.Metadata.NamespaceProperty, task.Spec.DesktopRef)?.Metadata.Uid);
}

/// <summary>A task, or why there is none: 404 (no such id) or 403 (another tenant's).</summary>
internal sealed record TaskLookupResult(DesktopTask? Task, int Status)
{
    public string Detail => Status == StatusCodes.Status403Forbidden ? TaskLookup.OtherTenantDetail : TaskLookup.NotFoundDetail;
}
