using System.Diagnostics;
using LeBureau.ControlPlane;
using Xunit;

namespace LeBureau.Testing;

/// <summary>`lebureau up` as a user runs it: a real process on free ports with its own state folder, stopped with SIGTERM.</summary>
public sealed class EmbeddedPlatform : IAsyncLifetime
{
    private ManagedProcess? _up;

    public string StateDirectory { get; } = Directory.CreateTempSubdirectory("lebureau-up-").FullName;

    public int ApiPort { get; } = FreePort.Next();

    public string Url => $"http://127.0.0.1:{ApiPort}";

    public string Key => File.ReadAllText(Path.Combine(StateDirectory, "admin.key")).Trim();

    public string Kubeconfig => Path.Combine(StateDirectory, "cluster", "kubeconfig");

    public string Output => _up?.Tail(200) ?? "";

    public async Task InitializeAsync()
    {
        var cli = RepoPaths.BuildOutput("cli/LeBureau.Cli", "lebureau.dll");
        var agent = RepoPaths.DesktopAgent;
        _up = ManagedProcess.Start("lebureau up", "dotnet",
        [
            cli, "up", "--state-dir", StateDirectory, "--port", ApiPort.ToString(), "--kube-port", FreePort.Next().ToString(),
            "--etcd-port", FreePort.Next().ToString(), "--redis-port", FreePort.Next().ToString(), "--agent", agent,
        ], Path.Combine(StateDirectory, "up.log"), workingDirectory: RepoPaths.Root);
        var up = await WaitFor.ConditionAsync(
            _ => Task.FromResult(_up.HasExited ? throw new InvalidOperationException(_up.Describe()) : Output.Contains("Le Bureau is up")),
            TimeSpan.FromSeconds(120), TimeSpan.FromMilliseconds(250));
        if (!up) throw new TimeoutException($"`lebureau up` did not come up in 120 s:\n{Output}");
    }

    /// <summary>Runs a bash script with the quickstart's environment; returns exit code and output.</summary>
    public async Task<(int ExitCode, string Output)> RunAsync(string script, TimeSpan timeout)
    {
        var work = Directory.CreateTempSubdirectory("lebureau-qs-").FullName;
        var info = new ProcessStartInfo("bash", ["-euo", "pipefail", "-c", script])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = work,
        };
        info.Environment["LEBUREAU_URL"] = Url;
        info.Environment["LEBUREAU_KEY"] = Key;
        info.Environment["KUBECONFIG"] = Kubeconfig;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"timed out after {timeout}\n{await stdout}\n{await stderr}");
        }
        return (process.ExitCode, $"{await stdout}\n{await stderr}");
    }

    public async Task DisposeAsync()
    {
        _up?.Stop(TimeSpan.FromSeconds(30));
        _up?.Dispose();
        await Task.CompletedTask;
        try { Directory.Delete(StateDirectory, recursive: true); } catch (IOException) { }
    }
}
