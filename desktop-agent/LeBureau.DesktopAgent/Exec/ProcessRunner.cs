using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Options;

namespace LeBureau.DesktopAgent.Exec;

/// <summary>
/// Runs a program in its own session and process group (through setsid) so that a timeout, a kill or a
/// cancelled request kills the whole group, background children included.
/// </summary>
internal sealed partial class ProcessRunner(IOptions<AgentOptions> options, ILogger<ProcessRunner> logger)
{
    // After the main process exits, children that inherited its stdout may keep the pipe open
    // (e.g. "firefox &"): output is awaited this long, then the result is returned and the children live on.
    private static readonly TimeSpan OutputGraceAfterExit = TimeSpan.FromMilliseconds(250);
    private const int SigKill = 9;

    /// <summary>
    /// Runs <paramref name="arguments"/>. At the timeout, or when <paramref name="kill"/> fires, the group is killed and
    /// the result returned (ExitCode 137, TimedOut only for the timeout); when <paramref name="cancellationToken"/> fires
    /// (the caller went away) the group is killed and this throws.
    /// </summary>
    public async Task<ExecResult> RunAsync(
        string kind,
        IReadOnlyList<string> arguments,
        string? cwd,
        IReadOnlyDictionary<string, string>? env,
        string? stdin,
        int timeoutMs,
        int maxOutputBytes,
        CancellationToken kill,
        CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("setsid")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = cwd ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DISPLAY"] = options.Value.Display;
        foreach (var (name, value) in env ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("setsid could not be started");
        var stdout = new CappedBuffer(maxOutputBytes);
        var stderr = new CappedBuffer(maxOutputBytes);
        var readOut = DrainAsync(process.StandardOutput.BaseStream, stdout);
        var readErr = DrainAsync(process.StandardError.BaseStream, stderr);
        await WriteStdinAsync(process, stdin);

        var timedOut = false;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(kill, cancellationToken);
        deadline.CancelAfter(timeoutMs);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            timedOut = !cancellationToken.IsCancellationRequested && !kill.IsCancellationRequested;
            KillGroup(process.Id);
            await process.WaitForExitAsync(CancellationToken.None);
            if (timedOut)
            {
                AgentLog.ProcessTimedOut(logger, process.Id, kind, timeoutMs);
            }
        }

        await Task.WhenAny(Task.WhenAll(readOut, readErr), Task.Delay(OutputGraceAfterExit, CancellationToken.None));
        cancellationToken.ThrowIfCancellationRequested();
        lock (stdout)
        {
            lock (stderr)
            {
                return new ExecResult(
                    stdout.ToString(),
                    stderr.ToString(),
                    process.ExitCode,
                    timedOut,
                    stdout.Truncated || stderr.Truncated,
                    stdout.Truncated,
                    stderr.Truncated,
                    stopwatch.ElapsedMilliseconds);
            }
        }
    }

    private static async Task WriteStdinAsync(Process process, string? stdin)
    {
        try
        {
            if (stdin is not null)
            {
                await process.StandardInput.WriteAsync(stdin);
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The command exited without reading its input: nothing to deliver.
        }
    }

    private static async Task DrainAsync(Stream stream, CappedBuffer buffer)
    {
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk)) > 0)
        {
            lock (buffer)
            {
                buffer.Append(chunk.AsSpan(0, read));
            }
        }
    }

    // The process first: killed right after its start, it may not have called setsid yet, and then it has no group of
    // its own to kill (it would go on to run the command). Once it has, its group holds every child it started.
    private static void KillGroup(int pid)
    {
        Kill(pid, SigKill);
        Kill(-pid, SigKill);
    }

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);
}
