using System.Runtime.InteropServices;

namespace LeBureau.Operator.Local;

/// <summary>Signals to whole process groups (a desktop's Xvfb, window manager and agent go together).</summary>
public static partial class ProcessGroup
{
    private const int SigTerm = 15;
    private const int SigKill = 9;

    /// <summary>True while any process of group <paramref name="id"/> lives.</summary>
    public static bool IsAlive(int id) => id > 1 && Kill(-id, 0) == 0;

    /// <summary>SIGTERM to the group, SIGKILL to whatever is left after <paramref name="grace"/>; returns once the group is gone or killed.</summary>
    public static async Task StopAsync(int id, TimeSpan grace, CancellationToken cancellationToken = default)
    {
        if (!IsAlive(id)) return;
        _ = Kill(-id, SigTerm);
        var deadline = DateTime.UtcNow + grace;
        while (IsAlive(id) && DateTime.UtcNow < deadline) await Task.Delay(25, cancellationToken);
        _ = Kill(-id, SigKill);
        deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (IsAlive(id) && DateTime.UtcNow < deadline) await Task.Delay(25, cancellationToken);
    }

    /// <summary>Kills group <paramref name="id"/> at once (shutdown paths that cannot wait).</summary>
    public static void KillNow(int id)
    {
        if (id > 1) _ = Kill(-id, SigKill);
    }

    /// <summary>True when process <paramref name="pid"/>'s command line contains <paramref name="marker"/> (guards against reused pids).</summary>
    public static bool CommandLineContains(int pid, string marker)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Contains(marker, StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
