using LeBureau.ApiServer.Auth;
using LeBureau.ApiServer.Hosting;
using LeBureau.Resources;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeBureau.ApiServer.Desktops;

/// <summary>Start, stop, restart on both <c>/api/desktops</c> and <c>/v1/desktops</c>: 200 with the updated desktop, 409 when it does not apply.</summary>
public static class LifecycleApi
{
    public static IEndpointRouteBuilder MapLifecycleApi(this IEndpointRouteBuilder app)
    {
        foreach (var prefix in new[] { "/api/desktops", "/v1/desktops" })
        {
            var api = app.MapGroup(prefix).WithTags(prefix == "/api/desktops" ? "Desktops" : "Desktops (v1)").WithProblemErrors()
                .RequireCapability(Capability.DesktopLifecycle).ProducesProblem(StatusCodes.Status409Conflict);
            api.MapPost("/{id}/start", Start);
            api.MapPost("/{id}/stop", Stop);
            api.MapPost("/{id}/restart", Restart);
        }
        return app;
    }

    internal static Task<Results<Ok<DesktopDto>, ProblemHttpResult>> Start(string id, [AsParameters] DesktopRequest request) =>
        ApplyAsync(id, request, LifecycleDecision.StartConflict,
            (r, d) => LifecycleDecision.StartsAfresh(d) ? new { running = true, restartedAt = r.Clock.GetUtcNow() } : (object)new { running = true });

    internal static Task<Results<Ok<DesktopDto>, ProblemHttpResult>> Stop(string id, [AsParameters] DesktopRequest request) =>
        ApplyAsync(id, request, LifecycleDecision.StopConflict, (_, _) => new { running = false });

    internal static Task<Results<Ok<DesktopDto>, ProblemHttpResult>> Restart(string id, [AsParameters] DesktopRequest request) =>
        ApplyAsync(id, request, LifecycleDecision.RestartConflict, (r, _) => new { running = true, restartedAt = r.Clock.GetUtcNow() });

    private static async Task<Results<Ok<DesktopDto>, ProblemHttpResult>> ApplyAsync(
        string id, DesktopRequest request, Func<Desktop, string?> conflict, Func<DesktopRequest, Desktop, object> spec)
    {
        var found = request.Find(id);
        if (found.Desktop is not { } desktop) return DesktopsApi.Failure(found);
        if (conflict(desktop) is { } reason) return ApiErrors.Problem(StatusCodes.Status409Conflict, reason);
        var patched = await request.Writer.PatchSpecAsync(desktop, spec(request, desktop), request.Cancellation);
        return TypedResults.Ok(DesktopStatusMapping.ToDto(patched));
    }
}
