using LeBureau.Resources;

namespace LeBureau.Operator.Desktops;

/// <summary>
/// When to look at a desktop again while it comes up: its machine while booting, its agent once the machine runs and
/// the agent has not answered yet. A tenth of the time waited so far, between <see cref="Fastest"/> and
/// <see cref="Slowest"/>: an agent that starts in a second is seen ready within ~100 ms of it, and one that takes
/// minutes costs one probe a second. A ready agent is asked again after the probe interval (liveness).
/// </summary>
public static class ReadinessPolicy
{
    /// <summary>The shortest wait between two looks.</summary>
    public static readonly TimeSpan Fastest = TimeSpan.FromMilliseconds(20);

    /// <summary>The longest wait between two looks while coming up.</summary>
    public static readonly TimeSpan Slowest = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The wait before the next look at a desktop whose computed status is <paramref name="status"/>; null when it is
    /// neither coming up nor running. <paramref name="interval"/> is the liveness probe interval of a ready agent.
    /// </summary>
    public static TimeSpan? NextLook(Desktop.DesktopStatus status, TimeSpan interval, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(status);
        switch (status.Phase)
        {
            case DesktopPhase.Running when status.AgentReady:
                return interval;
            case DesktopPhase.Running:
                // Waiting for the agent since the machine came up.
                return Min(Backoff(now - Since(status, ConditionTypes.VMReady, now)), interval);
            case DesktopPhase.Booting or DesktopPhase.Pending:
                // Waiting for the machine since it was asked for (the VMReady condition turned false then).
                return Backoff(now - Since(status, ConditionTypes.VMReady, now));
            case DesktopPhase.Stopping:
                return Slowest;
            default:
                return null;
        }
    }

    private static DateTimeOffset Since(Desktop.DesktopStatus status, string condition, DateTimeOffset now) =>
        status.Conditions?.FirstOrDefault(c => c.Type == condition)?.LastTransitionTime is { } at && at <= now ? at : now;

    private static TimeSpan Backoff(TimeSpan waited)
    {
        var tenth = waited / 10;
        return tenth < Fastest ? Fastest : tenth > Slowest ? Slowest : tenth;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
