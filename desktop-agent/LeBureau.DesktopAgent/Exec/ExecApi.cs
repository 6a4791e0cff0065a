using LeBureau.DesktopAgent.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeBureau.DesktopAgent.Exec;

/// <summary>Commands: /exec and /bash.</summary>
internal static class ExecApi
{
    public static IEndpointRouteBuilder MapExecApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/exec", Exec);
        app.MapPost("/bash", Bash);
        return app;
    }

    private static async Task<Results<Ok<ExecResult>, ProblemHttpResult>> Exec(ExecRequest request, ExecService exec, CancellationToken cancellationToken) =>
        ApiResults.From(await exec.ExecAsync(request, cancellationToken));

    private static async Task<Results<Ok<ExecResult>, ProblemHttpResult>> Bash(BashRequest request, ExecService exec, CancellationToken cancellationToken) =>
        ApiResults.From(await exec.BashAsync(request, cancellationToken));
}
