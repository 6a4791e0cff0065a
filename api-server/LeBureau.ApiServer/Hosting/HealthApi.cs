using LeBureau.ApiServer.Cache;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeBureau.ApiServer.Hosting;

/// <summary>Probes for Kubernetes: alive, and ready once the watch caches have listed (no key needed).</summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        var health = app.MapGroup("").WithTags("Health").ExcludeFromDescription();
        health.MapGet("/healthz", Alive);
        health.MapGet("/readyz", Ready);
        return app;
    }

    internal static Ok<string> Alive() => TypedResults.Ok("ok");

    internal static Results<Ok<string>, ProblemHttpResult> Ready(ResourceCaches caches) =>
        caches.IsSynced
            ? TypedResults.Ok("ready")
            : TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, detail: "The watch caches have not listed yet.");
}
