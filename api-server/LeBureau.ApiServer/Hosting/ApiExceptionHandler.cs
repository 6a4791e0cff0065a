using System.Text.Json;
using k8s.Autorest;
using Microsoft.AspNetCore.Diagnostics;

namespace LeBureau.ApiServer.Hosting;

/// <summary>
/// Turns request-binding failures into 400/413 naming the field, Kubernetes API refusals into their
/// meaning (404, 409, 400), and anything else into a 500 — in the error shape of the route's surface.
/// </summary>
internal sealed class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, detail) = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => (413, "The request body is too large."),
            BadHttpRequestException { InnerException: JsonException json } => (400, JsonProblem(json)),
            BadHttpRequestException bad => (bad.StatusCode, bad.Message),
            JsonException json => (400, JsonProblem(json)),
            HttpOperationException k8s => Kubernetes(context, k8s),
            _ => (500, "Internal error."),
        };
        if (status == 500) ApiServerLog.Unhandled(logger, exception, context.Request.Method, context.Request.Path);
        context.Response.Clear();
        await ApiErrors.For(context.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? context.GetEndpoint(), status, detail).ExecuteAsync(context);
        return true;
    }

    /// <summary>"Invalid value for 'tier'." from the JSON path ($.tier); no echo of the value (it may be a secret).</summary>
    public static string JsonProblem(JsonException json)
    {
        var path = json.Path is { Length: > 2 } p && p.StartsWith("$.", StringComparison.Ordinal) ? p[2..] : null;
        if (json.Message.Contains("discriminator", StringComparison.OrdinalIgnoreCase)) return "Unknown 'type'.";
        var conversion = json.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal);
        return (conversion, path) switch
        {
            (true, { } field) => $"Invalid value for '{field}'.",
            (false, { } field) => $"The request body is not valid JSON (at '{field}').",
            _ => "The request body is not valid JSON.",
        };
    }

    private (int, string) Kubernetes(HttpContext context, HttpOperationException e)
    {
        var status = (int)e.Response.StatusCode;
        ApiServerLog.KubernetesFailed(logger, status, context.Request.Method, context.Request.Path, e.Message);
        return status switch
        {
            404 => (404, "Desktop not found"),
            409 => (409, "The desktop changed concurrently; retry."),
            422 or 400 => (400, KubernetesMessage(e.Response.Content) ?? "The request was rejected."),
            _ => (502, "The Kubernetes API failed."),
        };
    }

    private static string? KubernetesMessage(string? content)
    {
        try
        {
            return content is null ? null : JsonDocument.Parse(content).RootElement.GetProperty("message").GetString();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }
}
