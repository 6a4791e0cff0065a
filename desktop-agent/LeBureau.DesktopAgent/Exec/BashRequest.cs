namespace LeBureau.DesktopAgent.Exec;

/// <summary>POST /bash: a multi-line Script written to a temporary file and run with bash; other fields as <see cref="ExecRequest"/>.</summary>
public sealed record BashRequest(
    string Script,
    string? Cwd = null,
    Dictionary<string, string>? Env = null,
    int TimeoutMs = ProcessLimits.DefaultTimeoutMs,
    int MaxOutputBytes = ProcessLimits.DefaultMaxOutputBytes,
    string? Stdin = null);
