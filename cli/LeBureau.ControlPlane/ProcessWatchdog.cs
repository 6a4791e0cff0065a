using System.Diagnostics;

namespace LeBureau.ControlPlane;

/// <summary>
/// A detached shell that outlives us: when our process dies (a cancelled test run, a crash, Ctrl-C),
/// it kills every process group registered with <see cref="Watch"/>, so nothing is left behind.
/// </summary>
public sealed class ProcessWatchdog : IDisposable
{
    private readonly string _pidFile;
    private readonly Process _shell;

    public ProcessWatchdog(string directory)
    {
        Directory.CreateDirectory(directory);
        _pidFile = Path.Combine(directory, "watched.pids");
        File.WriteAllText(_pidFile, "");
        const string script =
            "while kill -0 \"$1\" 2>/dev/null; do sleep 1; done; " +
            "for p in $(cat \"$2\"); do kill -TERM -- \"-$p\" 2>/dev/null; done; sleep 2; " +
            "for p in $(cat \"$2\"); do kill -KILL -- \"-$p\" 2>/dev/null; done";
        var info = new ProcessStartInfo("setsid") { UseShellExecute = false, RedirectStandardInput = true };
        foreach (var a in new[] { "bash", "-c", script, "watchdog", Environment.ProcessId.ToString(), _pidFile })
        {
            info.ArgumentList.Add(a);
        }
        _shell = Process.Start(info) ?? throw new InvalidOperationException("could not start the process watchdog");
        _shell.StandardInput.Close();
    }

    /// <summary>Registers a process group to kill if we die.</summary>
    public void Watch(int processGroupId)
    {
        lock (_pidFile) File.AppendAllText(_pidFile, processGroupId + "\n");
    }

    public void Dispose()
    {
        // We stopped our children ourselves: the watchdog has nothing left to do.
        File.WriteAllText(_pidFile, "");
        try { _shell.Kill(); } catch (InvalidOperationException) { }
        _shell.Dispose();
    }
}
