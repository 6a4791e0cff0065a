using Microsoft.Extensions.Options;

namespace LeBureau.DesktopAgent.Hosting;

/// <summary>Every request must carry <c>Authorization: Bearer &lt;agent token&gt;</c>; otherwise 401. Also refuses bodies over the size limit with 413 before they are read.</summary>
internal sealed class BearerTokenMiddleware(
    RequestDelegate next, AgentToken token, IOptions<AgentOptions> options, IProblemDetailsService problems, ILogger<BearerTokenMiddleware> logger)
{
    private const string Scheme = "Bearer ";

    public async Task InvokeAsync(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        var presented = header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? header[Scheme.Length..].Trim() : null;
        if (!token.Matches(presented))
        {
            AgentLog.Unauthorized(logger, context.Request.Method, context.Request.Path, context.Connection.RemoteIpAddress?.ToString());
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await WriteProblemAsync(context, StatusCodes.Status401Unauthorized, "a valid 'Authorization: Bearer <agent token>' header is required");
            return;
        }

        var limit = options.Value.MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            await WriteProblemAsync(context, StatusCodes.Status413PayloadTooLarge, $"the request body is {context.Request.ContentLength} bytes; the limit is {limit}");
            return;
        }

        await next(context);
    }

    private async Task WriteProblemAsync(HttpContext context, int status, string detail)
    {
        context.Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Detail = detail },
        });
    }
}
