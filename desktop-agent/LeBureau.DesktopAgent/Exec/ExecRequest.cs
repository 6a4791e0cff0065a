namespace LeBureau.DesktopAgent.Exec;

/// <summary>
/// POST /exec: one Command run with <c>bash -c</c>. Cwd (absolute, existing; default the agent's home),
/// Env (added to the agent's environment, DISPLAY preset), TimeoutMs (1..3600000, default 30000),
/// MaxOutputBytes per stream (0..16 MiB, default 1 MiB), Stdin (text written then closed).
/// </summary>
public sealed record ExecRequest(
    string Command,
    string? Cwd = null,
    Dictionary<string, string>? Env = null,
    int TimeoutMs = ProcessLimits.DefaultTimeoutMs,
    int MaxOutputBytes = ProcessLimits.DefaultMaxOutputBytes,
    string? Stdin = null);
