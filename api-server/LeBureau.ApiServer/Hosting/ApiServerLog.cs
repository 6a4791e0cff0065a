namespace LeBureau.ApiServer.Hosting;

internal static partial class ApiServerLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis is not configured: API keys are not rate limited")]
    public static partial void RateLimitDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rate limit check failed, allowing the request (fail open): {Reason}")]
    public static partial void RateLimitFailOpen(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Desktop {Namespace}/{Name} created ({Tier})")]
    public static partial void DesktopCreated(ILogger logger, string @namespace, string name, string tier);

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {Namespace}/{Name} created on desktop {Desktop}")]
    public static partial void TaskCreated(ILogger logger, string @namespace, string name, string desktop);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Creating the provider Secret of desktop {Namespace}/{Name} failed; the desktop was deleted again")]
    public static partial void ProviderSecretFailed(ILogger logger, Exception exception, string @namespace, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Agent of desktop {Namespace}/{Name} failed: {Reason}")]
    public static partial void AgentFailed(ILogger logger, string @namespace, string name, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recording activity on desktop {Namespace}/{Name} failed: {Reason}")]
    public static partial void ActivityFailed(ILogger logger, string @namespace, string name, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kubernetes API answered {Status} to {Method} {Path}: {Reason}")]
    public static partial void KubernetesFailed(ILogger logger, int status, string method, string path, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error on {Method} {Path}")]
    public static partial void Unhandled(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live view tickets cannot be issued (key ring unreachable): {Reason}")]
    public static partial void LiveViewUnavailable(ILogger logger, string reason);
}
