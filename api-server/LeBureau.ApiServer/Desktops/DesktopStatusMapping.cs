using LeBureau.Resources;

namespace LeBureau.ApiServer.Desktops;

/// <summary>Desktop phases as each API surface names them (pure).</summary>
public static class DesktopStatusMapping
{
    /// <summary>
    /// Le Bureau status: the phase in lower case; "destroying" once deletion started; "pending" before the operator saw
    /// it; "stopping" as soon as a stop is accepted (spec.running false while the machine still runs); "booting" as soon
    /// as a restart is accepted, until the restarted machine runs.
    /// </summary>
    public static string LeBureau(Desktop desktop)
    {
        ArgumentNullException.ThrowIfNull(desktop);
        if (desktop.Metadata.DeletionTimestamp is not null) return "destroying";
        var phase = desktop.Status?.Phase ?? DesktopPhase.Pending;
        if (StopAccepted(desktop)) return "stopping";
        if (RestartAccepted(desktop)) return "booting";
        return phase switch
        {
            DesktopPhase.Pending => "pending",
            DesktopPhase.Booting => "booting",
            DesktopPhase.Running => "running",
            DesktopPhase.Stopping => "stopping",
            DesktopPhase.Stopped => "stopped",
            DesktopPhase.Destroying => "destroying",
            _ => "error",
        };
    }

    /// <summary>
    /// Cyberdesk status: pending | running | terminated | error. "running" means actionable: the agent is ready (a
    /// Cyberdesk client waits for running and then acts); until then "pending". A stop accepted is "terminated".
    /// </summary>
    public static string Cyberdesk(Desktop desktop)
    {
        ArgumentNullException.ThrowIfNull(desktop);
        if (desktop.Metadata.DeletionTimestamp is not null || StopAccepted(desktop)) return "terminated";
        return (desktop.Status?.Phase ?? DesktopPhase.Pending) switch
        {
            DesktopPhase.Running when IsControllable(desktop) => "running",
            DesktopPhase.Pending or DesktopPhase.Booting or DesktopPhase.Running => "pending",
            DesktopPhase.Stopping or DesktopPhase.Stopped or DesktopPhase.Destroying => "terminated",
            _ => "error",
        };
    }

    /// <summary>A stop was accepted and the machine has not stopped yet: no control from then on.</summary>
    private static bool StopAccepted(Desktop desktop) =>
        !desktop.Spec.Running && desktop.Status?.Phase is DesktopPhase.Running or DesktopPhase.Booting or DesktopPhase.Pending;

    /// <summary>A restart was accepted (spec.restartedAt not yet observed by the operator): no control until it is done.</summary>
    private static bool RestartAccepted(Desktop desktop) =>
        desktop.Spec.Running && desktop.Spec.RestartedAt is { } asked && asked != desktop.Status?.ObservedRestartedAt
        && desktop.Status?.Phase is DesktopPhase.Running or DesktopPhase.Booting;

    /// <summary>Why a Cyberdesk action is refused (409), in words that agree with the status the desktop reports.</summary>
    public static string NotActionable(Desktop desktop) => Cyberdesk(desktop) switch
    {
        "pending" => "The desktop is not running yet (status pending): it is starting; act once its status is running.",
        var status => $"The desktop is not running (status {status}).",
    };

    /// <summary>The tier's wire name.</summary>
    public static string Tier(Tier tier) => tier switch
    {
        Resources.Tier.Pro => "pro",
        Resources.Tier.Max => "max",
        _ => "free",
    };

    /// <summary>
    /// Whether control routes may reach the agent: Running, agent ready, not being deleted, and no stop or restart
    /// accepted since (control right after a stop answers as for a desktop that is not running).
    /// </summary>
    public static bool IsControllable(Desktop desktop)
    {
        ArgumentNullException.ThrowIfNull(desktop);
        return desktop.Metadata.DeletionTimestamp is null && desktop.Status?.Phase == DesktopPhase.Running && desktop.Status.AgentReady
            && !string.IsNullOrEmpty(desktop.Status.AgentEndpoint) && !StopAccepted(desktop) && !RestartAccepted(desktop);
    }

    public static DesktopDto ToDto(Desktop desktop, Agent.MetricsDto? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(desktop);
        return new DesktopDto(
            desktop.Metadata.Uid,
            desktop.Spec.DisplayName,
            LeBureau(desktop),
            Tier(desktop.Spec.Tier),
            desktop.Status?.IpAddress,
            desktop.Metadata.CreationTimestamp is { } created ? new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc)) : null,
            desktop.Spec.KeepAlive,
            desktop.Status?.AgentReady ?? false,
            metrics);
    }
}
