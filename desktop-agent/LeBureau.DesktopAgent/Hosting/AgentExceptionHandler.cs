using System.Text.Json;
using LeBureau.DesktopAgent.X11;
using Microsoft.AspNetCore.Diagnostics;

namespace LeBureau.DesktopAgent.Hosting;

/// <summary>
/// Turns request-binding failures into 4xx ProblemDetails naming the field (malformed JSON, wrong types,
/// missing properties, oversized bodies) and an unreachable X display into 503; never a 500 for bad input.
/// </summary>
internal sealed class AgentExceptionHandler(IProblemDetailsService problems, ILogger<AgentExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, detail) = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } => (StatusCodes.Status400BadRequest, $"invalid JSON body: {json.Message}"),
            BadHttpRequestException bad => (bad.StatusCode, bad.Message),
            XUnavailableException unavailable => (StatusCodes.Status503ServiceUnavailable, unavailable.Message),
            _ => (0, string.Empty),
        };
        if (status == 0)
        {
            return false;
        }

        AgentLog.BadRequest(logger, httpContext.Request.Path, detail);
        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Detail = detail },
        });
    }
}
