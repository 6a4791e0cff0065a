namespace LeBureau.DesktopAgent;

/// <summary>The agent's log messages. Tokens, file contents and command output are never logged.</summary>
internal static partial class AgentLog
{
    [LoggerMessage(1, LogLevel.Information, "X display {Display} opened: {Width}x{Height}, MIT-SHM capture: {SharedMemory}")]
    public static partial void DisplayOpened(ILogger logger, string display, int width, int height, bool sharedMemory);

    [LoggerMessage(2, LogLevel.Warning, "Connection to X display {Display} lost; it will be reopened on the next request")]
    public static partial void DisplayLost(ILogger logger, string display);

    [LoggerMessage(3, LogLevel.Warning, "Rejected {Method} {Path} from {Remote}: missing or wrong bearer token")]
    public static partial void Unauthorized(ILogger logger, string method, string path, string? remote);

    [LoggerMessage(4, LogLevel.Information, "Process {Pid} ({Kind}) timed out after {TimeoutMs} ms; killed its process group")]
    public static partial void ProcessTimedOut(ILogger logger, int pid, string kind, int timeoutMs);

    [LoggerMessage(5, LogLevel.Information, "x11vnc started on 127.0.0.1:{Port} for display {Display} (view-only: {ViewOnly}, pid {Pid})")]
    public static partial void VncStarted(ILogger logger, int port, string display, bool viewOnly, int pid);

    [LoggerMessage(6, LogLevel.Warning, "x11vnc for display {Display} did not accept connections on port {Port}")]
    public static partial void VncStartFailed(ILogger logger, string display, int port);

    [LoggerMessage(7, LogLevel.Information, "VNC websocket session on port {Port} ended after {Seconds:F1} s")]
    public static partial void VncSessionEnded(ILogger logger, int port, double seconds);

    [LoggerMessage(8, LogLevel.Information, "Bad request to {Path}: {Detail}")]
    public static partial void BadRequest(ILogger logger, string path, string detail);
}
