namespace LeBureau.Cli.Hosting;

/// <summary>
/// What the CLI reads from its surroundings: environment variables (LEBUREAU_URL, LEBUREAU_KEY, XDG_CONFIG_HOME, HOME,
/// KUBECONFIG, LEBUREAU_HOME) and the current folder. Tests pass their own, so that parallel runs do not share process state.
/// </summary>
/// <param name="Variable">Looks up an environment variable; null when unset.</param>
/// <param name="CurrentDirectory">The folder relative paths are taken from.</param>
public sealed record CliEnvironment(Func<string, string?> Variable, string CurrentDirectory)
{
    /// <summary>This process's environment and current folder.</summary>
    public static CliEnvironment Process => new(Environment.GetEnvironmentVariable, Environment.CurrentDirectory);

    /// <summary>A variable, null when unset or empty.</summary>
    public string? Get(string name) => Variable(name) is { Length: > 0 } value ? value : null;

    /// <summary>A path as the user typed it, made absolute against <see cref="CurrentDirectory"/>.</summary>
    public string FullPath(string path) => Path.GetFullPath(path, CurrentDirectory);
}
