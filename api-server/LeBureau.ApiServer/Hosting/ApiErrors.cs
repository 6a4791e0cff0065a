using Microsoft.AspNetCore.Http.HttpResults;

namespace LeBureau.ApiServer.Hosting;

/// <summary>Error results in the shape of the route's surface: ProblemDetails, or the Cyberdesk shape.</summary>
public static class ApiErrors
{
    public static ProblemHttpResult Problem(int status, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(statusCode: status, detail: detail, extensions: extensions);

    public static JsonHttpResult<CyberdeskError> Cyberdesk(int status, string error) =>
        TypedResults.Json(new CyberdeskError(error), statusCode: status);

    /// <summary>An error for whatever endpoint the request matched (middleware and exception handler).</summary>
    public static IResult For(HttpContext context, int status, string detail, IDictionary<string, object?>? extensions = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        return For(context.GetEndpoint(), status, detail, extensions);
    }

    /// <summary>An error for <paramref name="endpoint"/> (the exception handler gets it from IExceptionHandlerFeature).</summary>
    public static IResult For(Endpoint? endpoint, int status, string detail, IDictionary<string, object?>? extensions = null)
    {
        return endpoint?.Metadata.GetMetadata<CyberdeskErrors>() is not null
            ? Cyberdesk(status, detail)
            : Problem(status, detail, extensions);
    }
}
