namespace LeBureau.DesktopAgent.Exec;

/// <summary>Defaults and bounds for commands, and the validation of a request's limits.</summary>
public static class ProcessLimits
{
    public const int DefaultTimeoutMs = 30_000;
    public const int MaxTimeoutMs = 3_600_000;
    public const int DefaultMaxOutputBytes = 1024 * 1024;
    public const int MaxOutputBytesLimit = 16 * 1024 * 1024;

    public static string? Validate(int timeoutMs, int maxOutputBytes, string? cwd)
    {
        if (timeoutMs is < 1 or > MaxTimeoutMs)
        {
            return $"timeoutMs must be in 1..{MaxTimeoutMs}, got {timeoutMs}";
        }

        if (maxOutputBytes is < 0 or > MaxOutputBytesLimit)
        {
            return $"maxOutputBytes must be in 0..{MaxOutputBytesLimit}, got {maxOutputBytes}";
        }

        if (cwd is not null && (!Path.IsPathRooted(cwd) || !Directory.Exists(cwd)))
        {
            return $"cwd '{cwd}' is not an existing absolute directory";
        }

        return null;
    }
}
