using k8s.Autorest;
using LeBureau.ApiServer.Auth;
using LeBureau.ApiServer.Desktops;
using LeBureau.ApiServer.Hosting;
using LeBureau.Resources;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeBureau.ApiServer.MissionControl;

/// <summary>
/// Mission control (<c>/api/mission-control</c>, seed 003): tasks — a prompt for the desktop's chat agent or a shell
/// command — as DesktopTask resources in the caller's namespace. The api-server only writes the spec (create, run,
/// review, cancel); the operator runs tasks and writes their status. Reads come from the watch cache.
/// </summary>
public static class MissionControlApi
{
    public static IEndpointRouteBuilder MapMissionControlApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/mission-control").WithTags("Mission control").WithProblemErrors();
        api.MapGet("/tasks", List).RequireCapability(Capability.TasksRead).WithSummary("List your tasks, newest first (filters: status, desktopId)");
        api.MapPost("/tasks", Create).RequireCapability(Capability.TasksWrite).WithSummary("Create a task on one of your desktops (pending unless run is true)");
        api.MapGet("/tasks/{id}", Get).RequireCapability(Capability.TasksRead).WithSummary("Get a task, with its output once it ran");
        api.MapPost("/tasks/{id}/run", Run).RequireCapability(Capability.TasksWrite).ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Run a pending task");
        api.MapPost("/tasks/{id}/review", Review).RequireCapability(Capability.TasksWrite).ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Approve (done) or reject (failed) a task in review");
        api.MapPost("/tasks/{id}/cancel", Cancel).RequireCapability(Capability.TasksWrite).ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Cancel a task that has not finished");
        api.MapGet("/approvals", Approvals).RequireCapability(Capability.TasksRead).WithSummary("The tasks waiting for a review decision, newest first");
        return app;
    }

    internal static Results<Ok<List<TaskDto>>, ProblemHttpResult> List(string? status, string? desktopId, [AsParameters] TaskRequest request)
    {
        if (!TaskMapping.TryParseStatus(status, out var phase))
        {
            return ApiErrors.Problem(StatusCodes.Status400BadRequest, $"'status' must be one of {string.Join(", ", TaskMapping.StatusNames)}.");
        }
        var tasks = request.Tasks.List(request.Caller).Select(request.Tasks.ToDto)
            .Where(t => (phase is null || t.Status == phase) && (string.IsNullOrEmpty(desktopId) || t.DesktopId == desktopId));
        return TypedResults.Ok(tasks.ToList());
    }

    internal static async Task<Results<Created<TaskDto>, ProblemHttpResult>> Create(CreateTaskRequest? body, [AsParameters] TaskRequest request)
    {
        if (body is null) return ApiErrors.Problem(StatusCodes.Status400BadRequest, "A JSON body is required.");
        if (body.Validate() is { } error) return ApiErrors.Problem(StatusCodes.Status400BadRequest, error);
        var found = request.Desktops.Find(request.Caller, body.DesktopId!);
        if (found.Desktop is not { } desktop) return DesktopsApi.Failure(found);
        if (desktop.Metadata.DeletionTimestamp is not null)
        {
            return ApiErrors.Problem(StatusCodes.Status409Conflict, $"Desktop {body.DesktopId} is being deleted; it takes no new tasks.");
        }
        var task = await request.Writer.CreateAsync(desktop, body.ToSpec(desktop.Metadata.Name), request.Cancellation);
        return TypedResults.Created($"/api/mission-control/tasks/{task.Metadata.Uid}", request.Tasks.ToDto(task));
    }

    internal static Results<Ok<TaskDto>, ProblemHttpResult> Get(string id, [AsParameters] TaskRequest request)
    {
        var found = request.Find(id);
        return found.Task is { } task ? TypedResults.Ok(request.Tasks.ToDto(task)) : Failure(found);
    }

    internal static Task<Results<Ok<TaskDto>, ProblemHttpResult>> Run(string id, [AsParameters] TaskRequest request) =>
        ApplyAsync(id, request, TaskTransitions.RunConflict, new { run = true }, guarded: false);

    internal static async Task<Results<Ok<TaskDto>, ProblemHttpResult>> Review(string id, ReviewTaskRequest? body, [AsParameters] TaskRequest request)
    {
        if (body is null) return ApiErrors.Problem(StatusCodes.Status400BadRequest, "A JSON body is required.");
        if (body.Validate() is { } error) return ApiErrors.Problem(StatusCodes.Status400BadRequest, error);
        // Guarded: two reviewers deciding at once get one decision and one 409, never a silent overwrite.
        return await ApplyAsync(id, request, TaskTransitions.ReviewConflict, new { decision = body.Decision, feedback = body.Feedback }, guarded: true);
    }

    internal static async Task<Results<Ok<TaskDto>, ProblemHttpResult>> Cancel(string id, [AsParameters] TaskRequest request)
    {
        var found = request.Find(id);
        if (found.Task is not { } task) return Failure(found);
        if (TaskTransitions.CancelConflict(task) is { } reason) return ApiErrors.Problem(StatusCodes.Status409Conflict, reason);
        if (task.Spec.Cancel) return TypedResults.Ok(request.Tasks.ToDto(task));
        return await PatchAsync(task, request, new { cancel = true }, guarded: false);
    }

    internal static Ok<List<TaskDto>> Approvals([AsParameters] TaskRequest request) =>
        TypedResults.Ok(request.Tasks.List(request.Caller).Where(TaskTransitions.AwaitsReview).Select(request.Tasks.ToDto).ToList());

    private static async Task<Results<Ok<TaskDto>, ProblemHttpResult>> ApplyAsync(
        string id, TaskRequest request, Func<DesktopTask, string?> conflict, object spec, bool guarded)
    {
        var found = request.Find(id);
        if (found.Task is not { } task) return Failure(found);
        if (conflict(task) is { } reason) return ApiErrors.Problem(StatusCodes.Status409Conflict, reason);
        return await PatchAsync(task, request, spec, guarded);
    }

    private static async Task<Results<Ok<TaskDto>, ProblemHttpResult>> PatchAsync(DesktopTask task, TaskRequest request, object spec, bool guarded)
    {
        try
        {
            var patched = await request.Writer.PatchSpecAsync(task, spec, guarded, request.Cancellation);
            return TypedResults.Ok(request.Tasks.ToDto(patched));
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return ApiErrors.Problem(StatusCodes.Status404NotFound, TaskLookup.NotFoundDetail);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
            return ApiErrors.Problem(StatusCodes.Status409Conflict, "The task changed concurrently; retry.");
        }
    }

    private static ProblemHttpResult Failure(TaskLookupResult found) => ApiErrors.Problem(found.Status, found.Detail);
}
