using LeBureau.Cli.Hosting;
using LeBureau.Testing;

namespace LeBureau.Cli.Tests;

/// <summary>
/// A person at a terminal: their own HOME and XDG_CONFIG_HOME (so a saved login is theirs alone) and environment
/// variables; runs `lebureau …` in-process through <see cref="CliRunner"/> with captured stdout and stderr.
/// </summary>
public sealed class CliUser : IDisposable
{
    private readonly Dictionary<string, string> _variables = new();

    public CliUser(EmbeddedPlatform? platform = null)
    {
        _variables["HOME"] = Home;
        _variables["XDG_CONFIG_HOME"] = Path.Combine(Home, ".config");
        if (platform is not null) _variables["KUBECONFIG"] = platform.Kubeconfig;
    }

    public string Home { get; } = Directory.CreateTempSubdirectory("lebureau-cli-user-").FullName;

    /// <summary>The tenant namespace this user's key belongs to, when made by <see cref="Tenants"/>.</summary>
    public string? Namespace { get; set; }

    public string ConfigFile => Path.Combine(Home, ".config", "lebureau", "config.json");

    public CliUser With(string name, string? value)
    {
        if (value is null) _variables.Remove(name);
        else _variables[name] = value;
        return this;
    }

    public CliEnvironment Environment => new(name => _variables.GetValueOrDefault(name), Home);

    public Task<CliResult> RunAsync(params string[] args) => RunAsync(args, CancellationToken.None);

    public async Task<CliResult> RunAsync(string[] args, CancellationToken cancellationToken, TextWriter? output = null)
    {
        var stdout = output ?? new StringWriter();
        var stderr = new StringWriter();
        var exit = await CliRunner.RunAsync(args, stdout, stderr, Environment, handleSignals: false, cancellationToken);
        return new CliResult(exit, stdout.ToString() ?? "", stderr.ToString());
    }

    public void Dispose()
    {
        try { Directory.Delete(Home, recursive: true); } catch (IOException) { }
    }
}
