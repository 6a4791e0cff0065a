using System.Diagnostics;

namespace LeBureau.Operator.Local;

/// <summary>A locally launched desktop: its process group (the leader is the agent) and where it listens.</summary>
public sealed class LaunchedDesktop(LaunchRequest request, Process leader, string directory)
{
    /// <summary>What was launched.</summary>
    public LaunchRequest Request { get; } = request;

    /// <summary>The process group id (the leader's pid).</summary>
    public int GroupId { get; } = leader.Id;

    /// <summary>The desktop's folder (token, log, state).</summary>
    public string Directory { get; } = directory;

    /// <summary>True while the agent (the group leader) runs.</summary>
    public bool IsRunning => !leader.HasExited;

    /// <summary>Why the group ended, once it has (the leader's exit code or signal); null while it runs.</summary>
    public string? ExitReason => !leader.HasExited ? null
        : leader.ExitCode > 128 ? $"the desktop's processes were killed (signal {leader.ExitCode - 128})"
        : $"the desktop's processes exited with code {leader.ExitCode}";

    /// <summary>Stops the whole group.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        await ProcessGroup.StopAsync(GroupId, TimeSpan.FromSeconds(3), cancellationToken);
        leader.Dispose();
    }
}
