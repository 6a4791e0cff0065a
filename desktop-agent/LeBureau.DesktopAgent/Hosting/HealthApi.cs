using LeBureau.DesktopAgent.X11;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeBureau.DesktopAgent.Hosting;

/// <summary>Readiness: /healthz answers 200 only when the X display answers a round trip.</summary>
internal static class HealthApi
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", Health);
        return app;
    }

    private static async Task<Results<Ok<HealthStatus>, ProblemHttpResult>> Health(XDisplay display, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            var size = await display.InvokeAsync(
                (session, _) =>
                {
                    session.Sync();
                    return session.Size;
                },
                timeout.Token).WaitAsync(timeout.Token);
            return TypedResults.Ok(new HealthStatus("ready", display.DisplayName, size.Width, size.Height));
        }
        catch (Exception exception) when (exception is XUnavailableException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return ApiResults.Problem($"the X display {display.DisplayName} does not answer", StatusCodes.Status503ServiceUnavailable);
        }
    }
}
