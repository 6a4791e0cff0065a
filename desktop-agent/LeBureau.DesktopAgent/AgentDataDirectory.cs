namespace LeBureau.DesktopAgent;

/// <summary>
/// Where the agent keeps what must outlive it (chat history and memory, runs), on the desktop's data disk: the
/// configured <c>Chat:DataDirectory</c>, else the <c>LEBUREAU_DATA_DIR</c> environment variable, else <c>~/.lebureau</c>.
/// </summary>
public static class AgentDataDirectory
{
    public static string Resolve(string? configured, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (configured is { Length: > 0 }) return configured;
        if (environment("LEBUREAU_DATA_DIR")?.Trim() is { Length: > 0 } fromEnvironment) return fromEnvironment;
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(home.Length > 0 ? home : "/tmp", ".lebureau");
    }
}
