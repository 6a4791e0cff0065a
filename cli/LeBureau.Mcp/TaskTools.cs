using System.ComponentModel;
using LeBureau.Client;
using ModelContextProtocol.Server;

namespace LeBureau.Mcp;

/// <summary>Mission-control tasks: prompts or commands run on a desktop by the platform, with optional human review.</summary>
public sealed class TaskTools(LeBureauClient client)
{
    [McpServerTool(Name = "tasks_list", Title = "List tasks", ReadOnly = true, Idempotent = true, Destructive = false, OpenWorld = false)]
    [Description("List your mission-control tasks, newest first, optionally only those with a status or on one desktop.")]
    [ToolCapability(Capabilities.TasksRead)]
    public Task<IReadOnlyList<TaskInfo>> ListAsync(
        [Description("Only tasks in this status: pending, running, review, done, failed or cancelled.")] string? status = null,
        [Description("Only tasks of this desktop id.")] string? desktopId = null,
        CancellationToken cancellationToken = default) =>
        client.ListTasksAsync(status, desktopId, cancellationToken);

    [McpServerTool(Name = "tasks_get", Title = "Get a task", ReadOnly = true, Idempotent = true, Destructive = false, OpenWorld = false)]
    [Description("Get one task: its status and, once it ran, its output, exitCode (commands) or failure message.")]
    [ToolCapability(Capabilities.TasksRead)]
    public Task<TaskInfo> GetAsync([Description("The task id.")] string taskId, CancellationToken cancellationToken = default) =>
        client.GetTaskAsync(taskId, cancellationToken);

    [McpServerTool(Name = "tasks_create", Title = "Create a task", ReadOnly = false, Idempotent = false, Destructive = false, OpenWorld = false)]
    [Description("Create a task on one of your desktops: a prompt for its AI agent or a shell command. It stays pending until tasks_run unless run is true. With requiresApproval it waits in review for tasks_review when it finishes.")]
    [ToolCapability(Capabilities.TasksWrite)]
    public Task<TaskInfo> CreateAsync(
        [Description("The desktop id.")] string desktopId,
        [Description("prompt (a message to the desktop's AI agent) or command (a shell command).")] TaskKind type,
        [Description("The prompt or the command line.")] string content,
        [Description("Run it at once (default false: created pending).")] bool run = false,
        [Description("Hold the finished task in review until approved or rejected (default false).")] bool requiresApproval = false,
        [Description("Start the desktop for the task if it is stopped (default false).")] bool startDesktop = false,
        [Description("How long a run may take, such as 90s, 30m or 1h30m (default 30m).")] string? timeout = null,
        CancellationToken cancellationToken = default) =>
        client.CreateTaskAsync(new NewTask(Wire.Name(type), content, desktopId, requiresApproval, startDesktop, timeout, run), cancellationToken);

    [McpServerTool(Name = "tasks_run", Title = "Run a task", ReadOnly = false, Idempotent = false, Destructive = false, OpenWorld = false)]
    [Description("Run a pending task. Poll tasks_get for its result. Fails if the task is not pending.")]
    [ToolCapability(Capabilities.TasksWrite)]
    public Task<TaskInfo> RunAsync([Description("The task id.")] string taskId, CancellationToken cancellationToken = default) =>
        client.RunTaskAsync(taskId, cancellationToken);

    [McpServerTool(Name = "tasks_review", Title = "Review a task", ReadOnly = false, Idempotent = false, Destructive = false, OpenWorld = false)]
    [Description("Decide on a task waiting in review: approve (it becomes done) or reject (it becomes failed), with optional feedback. Fails if the task is not in review.")]
    [ToolCapability(Capabilities.TasksWrite)]
    public Task<TaskInfo> ReviewAsync(
        [Description("The task id.")] string taskId,
        [Description("approve or reject.")] ReviewDecision decision,
        [Description("Your comment, at most 8192 characters.")] string? feedback = null,
        CancellationToken cancellationToken = default) =>
        client.ReviewTaskAsync(taskId, Wire.Name(decision), feedback, cancellationToken);

    [McpServerTool(Name = "tasks_cancel", Title = "Cancel a task", ReadOnly = false, Idempotent = true, Destructive = true, OpenWorld = false)]
    [Description("Cancel a task that has not finished (a running one is stopped).")]
    [ToolCapability(Capabilities.TasksWrite)]
    public Task<TaskInfo> CancelAsync([Description("The task id.")] string taskId, CancellationToken cancellationToken = default) =>
        client.CancelTaskAsync(taskId, cancellationToken);

    [McpServerTool(Name = "tasks_approvals", Title = "Tasks awaiting review", ReadOnly = true, Idempotent = true, Destructive = false, OpenWorld = false)]
    [Description("List the tasks waiting for a review decision (use tasks_review on them), newest first.")]
    [ToolCapability(Capabilities.TasksRead)]
    public Task<IReadOnlyList<TaskInfo>> ApprovalsAsync(CancellationToken cancellationToken = default) =>
        client.ListApprovalsAsync(cancellationToken);
}
