namespace LeBureau.DesktopAgent.Exec;

/// <summary>
/// The outcome of /exec and /bash. ExitCode is the process's (128 + signal when killed); TimedOut says the
/// process group was killed at the deadline; Truncated says stdout or stderr exceeded maxOutputBytes.
/// </summary>
public sealed record ExecResult(
    string Stdout,
    string Stderr,
    int ExitCode,
    bool TimedOut,
    bool Truncated,
    bool StdoutTruncated,
    bool StderrTruncated,
    long DurationMs);
