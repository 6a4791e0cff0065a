namespace LeBureau.Client;

/// <summary>What a command or script printed and how it exited (a non-zero exit is a result, not an error).</summary>
public sealed record ExecResult(string Stdout, string Stderr, int ExitCode);
