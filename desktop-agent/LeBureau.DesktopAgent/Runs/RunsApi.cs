using LeBureau.AgentContract;
using LeBureau.DesktopAgent.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeBureau.DesktopAgent.Runs;

/// <summary>
/// Mission control's runs (the contract: <see cref="AgentRoutes"/>, <see cref="RunRequest"/>, <see cref="RunState"/>).
/// <c>POST /runs</c> → 201 new run, 200 the run that already has the id, 400, 409 (prompt: chat busy), 422 (prompt: chat
/// not configured); <c>GET /runs/{id}[?waitMs=N]</c> → 200 (once ended, or after N ms), 400 (N out of range), 404;
/// <c>POST /runs/{id}/cancel</c> → 200 the final state, 404.
/// </summary>
internal static class RunsApi
{
    public static IEndpointRouteBuilder MapRunsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/runs", Start);
        app.MapGet("/runs/{id}", Get);
        app.MapPost("/runs/{id}/cancel", Cancel);
        return app;
    }

    private static Results<Created<RunState>, Ok<RunState>, ProblemHttpResult> Start(RunRequest request, RunService runs)
    {
        var outcome = runs.Start(request);
        if (outcome.Error is { } error) return ApiResults.Problem(error, outcome.Status);
        var run = outcome.Value!;
        return outcome.Status == StatusCodes.Status201Created ? TypedResults.Created("/" + AgentRoutes.Run(run.Id), run) : TypedResults.Ok(run);
    }

    private static async Task<Results<Ok<RunState>, ProblemHttpResult>> Get(string id, int? waitMs, RunService runs, CancellationToken cancellationToken)
    {
        if (waitMs is < 0 or > AgentRoutes.MaxWaitMs)
        {
            return ApiResults.Problem($"'waitMs' must be between 0 and {AgentRoutes.MaxWaitMs}", StatusCodes.Status400BadRequest);
        }
        var run = waitMs is > 0 ? await runs.WhenEndedAsync(id, TimeSpan.FromMilliseconds(waitMs.Value), cancellationToken) : runs.Get(id);
        return run is not null ? TypedResults.Ok(run) : NotFound(id);
    }

    private static async Task<Results<Ok<RunState>, ProblemHttpResult>> Cancel(string id, RunService runs, CancellationToken cancellationToken) =>
        await runs.CancelAsync(id, cancellationToken) is { } run ? TypedResults.Ok(run) : NotFound(id);

    private static ProblemHttpResult NotFound(string id) => ApiResults.Problem($"no run '{id}' on this desktop", StatusCodes.Status404NotFound);
}
