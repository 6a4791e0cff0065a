namespace LeBureau.Client;

public sealed partial class LeBureauClient
{
    /// <summary>The caller's tasks, newest first, optionally by status and desktop. Needs tasks:read.</summary>
    public Task<IReadOnlyList<TaskInfo>> ListTasksAsync(string? status = null, string? desktopId = null, CancellationToken cancellationToken = default)
    {
        var query = new List<string>();
        if (!string.IsNullOrEmpty(status)) query.Add($"status={Escape(status)}");
        if (!string.IsNullOrEmpty(desktopId)) query.Add($"desktopId={Escape(desktopId)}");
        return GetJsonAsync<IReadOnlyList<TaskInfo>>("api/mission-control/tasks" + (query.Count == 0 ? "" : "?" + string.Join('&', query)), cancellationToken);
    }

    /// <summary>One task, with its output once it ran. Needs tasks:read.</summary>
    public Task<TaskInfo> GetTaskAsync(string id, CancellationToken cancellationToken = default) =>
        GetJsonAsync<TaskInfo>($"api/mission-control/tasks/{Escape(id)}", cancellationToken);

    /// <summary>Creates a task on one of the caller's desktops. Needs tasks:write.</summary>
    public Task<TaskInfo> CreateTaskAsync(NewTask task, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        return SendJsonAsync<TaskInfo>(HttpMethod.Post, "api/mission-control/tasks", task, cancellationToken);
    }

    /// <summary>Runs a pending task (409 otherwise). Needs tasks:write.</summary>
    public Task<TaskInfo> RunTaskAsync(string id, CancellationToken cancellationToken = default) =>
        SendJsonAsync<TaskInfo>(HttpMethod.Post, $"api/mission-control/tasks/{Escape(id)}/run", null, cancellationToken);

    /// <summary>Approves (→ done) or rejects (→ failed) a task in review (409 otherwise). Needs tasks:write.</summary>
    /// <param name="id">The task.</param>
    /// <param name="decision">approve | reject.</param>
    /// <param name="feedback">A comment, at most 8192 characters.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<TaskInfo> ReviewTaskAsync(string id, string decision, string? feedback = null, CancellationToken cancellationToken = default) =>
        SendJsonAsync<TaskInfo>(HttpMethod.Post, $"api/mission-control/tasks/{Escape(id)}/review", new { decision, feedback }, cancellationToken);

    /// <summary>Cancels a task that has not finished (409 otherwise). Needs tasks:write.</summary>
    public Task<TaskInfo> CancelTaskAsync(string id, CancellationToken cancellationToken = default) =>
        SendJsonAsync<TaskInfo>(HttpMethod.Post, $"api/mission-control/tasks/{Escape(id)}/cancel", null, cancellationToken);

    /// <summary>The tasks waiting for a review decision, newest first. Needs tasks:read.</summary>
    public Task<IReadOnlyList<TaskInfo>> ListApprovalsAsync(CancellationToken cancellationToken = default) =>
        GetJsonAsync<IReadOnlyList<TaskInfo>>("api/mission-control/approvals", cancellationToken);
}
