namespace LeBureau.Cli.Hosting;

/// <summary>A failure the user can act on: its message goes to stderr as is (no stack trace), the process exits with <see cref="ExitCode"/>.</summary>
public sealed class CliException(string message, int exitCode, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>One of <see cref="ExitCodes"/>.</summary>
    public int ExitCode { get; } = exitCode;
}
