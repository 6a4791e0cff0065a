using Microsoft.AspNetCore.Http.HttpResults;

namespace LeBureau.DesktopAgent.Hosting;

/// <summary>Turns service outcomes into typed results: the value, or RFC 7807 ProblemDetails naming the problem.</summary>
internal static class ApiResults
{
    public static Results<Ok<T>, ProblemHttpResult> From<T>(Outcome<T> outcome) =>
        outcome.Error is null ? TypedResults.Ok(outcome.Value!) : Problem(outcome.Error, outcome.Status);

    public static Results<NoContent, ProblemHttpResult> NoContent<T>(Outcome<T> outcome) =>
        outcome.Error is null ? TypedResults.NoContent() : Problem(outcome.Error, outcome.Status);

    public static ProblemHttpResult Problem(string detail, int status = StatusCodes.Status400BadRequest) =>
        TypedResults.Problem(detail: detail, statusCode: status);
}
