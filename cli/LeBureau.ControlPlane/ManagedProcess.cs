using System.Diagnostics;
using System.Runtime.InteropServices;

namespace LeBureau.ControlPlane;

/// <summary>
/// A child process in its own session and process group, with its output in a log file.
/// Stopping it signals the whole group, so anything it spawned goes too; a <see cref="ProcessWatchdog"/>
/// kills the group if our own process dies without stopping it.
/// </summary>
public sealed partial class ManagedProcess : IDisposable
{
    private readonly Process _process;

    private ManagedProcess(string name, Process process, string logPath)
    {
        Name = name;
        _process = process;
        LogPath = logPath;
    }

    /// <summary>A short name for messages (etcd, kube-apiserver…).</summary>
    public string Name { get; }

    /// <summary>Where stdout and stderr go.</summary>
    public string LogPath { get; }

    /// <summary>The process id, which is also its process group id.</summary>
    public int Id => _process.Id;

    /// <summary>True once the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Starts <paramref name="fileName"/> in a new session (setsid), logging to <paramref name="logPath"/>.</summary>
    public static ManagedProcess Start(string name, string fileName, IEnumerable<string> arguments, string logPath,
        ProcessWatchdog? watchdog = null, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var log = new FileStream(logPath, FileMode.Create, FileAccess.Write, FileShare.ReadWrite);
        var writer = new StreamWriter(log) { AutoFlush = true };
        var info = new ProcessStartInfo("setsid")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        info.ArgumentList.Add(fileName);
        foreach (var a in arguments) info.ArgumentList.Add(a);
        if (environment is not null)
        {
            foreach (var (k, v) in environment) info.Environment[k] = v;
        }
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (writer) writer.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (writer) writer.WriteLine(e.Data); };
        process.Exited += (_, _) => { process.WaitForExit(); lock (writer) writer.Dispose(); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
        watchdog?.Watch(process.Id);
        return new ManagedProcess(name, process, logPath);
    }

    /// <summary>The last <paramref name="count"/> lines of the log.</summary>
    public string Tail(int count = 25)
    {
        try
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var lines = new StreamReader(stream).ReadToEnd().Split('\n');
            return string.Join('\n', lines.TakeLast(count));
        }
        catch (IOException e)
        {
            return $"(log unreadable: {e.Message})";
        }
    }

    /// <summary>A description of why the process is not up, for failure messages.</summary>
    public string Describe() =>
        (HasExited ? $"{Name} exited with code {_process.ExitCode}" : $"{Name} (pid {Id}) is running but not ready") +
        $"; last lines of {LogPath}:\n{Tail()}";

    /// <summary>Sends SIGTERM to the group, then SIGKILL after <paramref name="grace"/>.</summary>
    public void Stop(TimeSpan grace)
    {
        if (_process.HasExited) return;
        _ = Kill(-Id, SigTerm);
        if (!_process.WaitForExit(grace))
        {
            _ = Kill(-Id, SigKill);
            _process.WaitForExit(TimeSpan.FromSeconds(5));
        }
        // The leader is gone; anything left in its group goes now.
        _ = Kill(-Id, SigKill);
    }

    public void Dispose()
    {
        Stop(TimeSpan.FromSeconds(5));
        _process.Dispose();
    }

    private const int SigTerm = 15;
    private const int SigKill = 9;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
