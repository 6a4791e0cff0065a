using System.Net;
using System.Net.Sockets;
using k8s.Autorest;

namespace LeBureau.Cli.Hosting;

/// <summary>What the user is told about an exception, and the exit code (pure).</summary>
public sealed record CliFailure(string Message, int ExitCode)
{
    public static CliFailure From(Exception exception) => exception switch
    {
        CliException e => new(e.Message, e.ExitCode),
        HttpOperationException e => FromKubernetes(e),
        HttpRequestException { StatusCode: null } e => new(
            $"cannot reach the cluster or the API: {Innermost(e).Message}", ExitCodes.Unreachable),
        SocketException e => new($"cannot connect: {e.Message}", ExitCodes.Unreachable),
        TimeoutException e => new(e.Message, ExitCodes.Timeout),
        OperationCanceledException => new("the request timed out", ExitCodes.Timeout),
        _ => new($"unexpected error ({exception.GetType().Name}): {exception.Message} (set LEBUREAU_DEBUG=1 for details)", ExitCodes.Error),
    };

    /// <summary>An error from the kube-apiserver (the <c>keys</c> commands).</summary>
    private static CliFailure FromKubernetes(HttpOperationException e)
    {
        var detail = KubernetesMessage(e.Response.Content) ?? e.Message;
        return e.Response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => new($"the cluster refused the credentials of the kubeconfig: {detail}", ExitCodes.Unauthenticated),
            HttpStatusCode.Forbidden => new($"the cluster does not allow this to the kubeconfig's user: {detail}", ExitCodes.Forbidden),
            HttpStatusCode.NotFound => new(detail, ExitCodes.NotFound),
            HttpStatusCode.Conflict => new(detail, ExitCodes.Conflict),
            HttpStatusCode.UnprocessableEntity or HttpStatusCode.BadRequest => new($"the cluster rejected it: {detail}", ExitCodes.Usage),
            _ => new($"the cluster answered {(int)e.Response.StatusCode}: {detail}", ExitCodes.Error),
        };
    }

    private static string? KubernetesMessage(string? body)
    {
        if (string.IsNullOrWhiteSpace(body)) return null;
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("message", out var message) ? message.GetString() : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static Exception Innermost(Exception e) => e.InnerException is null ? e : Innermost(e.InnerException);
}
