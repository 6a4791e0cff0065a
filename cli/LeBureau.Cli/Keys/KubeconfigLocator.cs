using LeBureau.Cli.Hosting;

namespace LeBureau.Cli.Keys;

/// <summary>
/// The kubeconfig of the <c>keys</c> commands, in kubectl's order: <c>--kubeconfig</c>, then <c>KUBECONFIG</c>, then
/// <c>~/.kube/config</c>; last, the cluster of <c>lebureau up</c> (<c>$LEBUREAU_HOME</c> or <c>./.lebureau</c>).
/// </summary>
public static class KubeconfigLocator
{
    public static string Locate(string? flag, CliEnvironment environment)
    {
        if (flag is not null) return Existing(environment.FullPath(flag), "--kubeconfig");
        if (environment.Get("KUBECONFIG") is { } variable)
        {
            return Existing(environment.FullPath(variable.Split(':', StringSplitOptions.RemoveEmptyEntries)[0]), "KUBECONFIG");
        }
        var candidates = new[]
        {
            environment.Get("HOME") is { } home ? Path.Combine(home, ".kube", "config") : null,
            Path.Combine(environment.Get("LEBUREAU_HOME") ?? environment.FullPath(".lebureau"), "cluster", "kubeconfig"),
        };
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new CliException(
                "no kubeconfig: pass --kubeconfig <file> or set KUBECONFIG (`lebureau up` prints the export line of its cluster)",
                ExitCodes.Unauthenticated);
    }

    private static string Existing(string path, string source) => File.Exists(path)
        ? path
        : throw new CliException($"the kubeconfig {path} ({source}) does not exist", ExitCodes.Usage);
}
