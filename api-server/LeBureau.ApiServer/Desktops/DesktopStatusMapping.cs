using LeBureau.Resources;

namespace LeBureau.ApiServer.Desktops;

/// <summary>Desktop phases as each API surface names them (pure).</summary>
public static class DesktopStatusMapping
{
    /// <summary>Le Bureau status: the phase in lower case; "destroying" once deletion started; "pending" before the operator saw it.</summary>
    public static string LeBureau(Desktop desktop)
    {
        ArgumentNullException.ThrowIfNull(desktop);
        if (desktop.Metadata.DeletionTimestamp is not null) return "destroying";
        return (desktop.Status?.Phase ?? DesktopPhase.Pending) switch
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

    /// <summary>Cyberdesk status: pending | running | terminated | error.</summary>
    public static string Cyberdesk(Desktop desktop)
    {
        ArgumentNullException.ThrowIfNull(desktop);
        if (desktop.Metadata.DeletionTimestamp is not null) return "terminated";
        return (desktop.Status?.Phase ?? DesktopPhase.Pending) switch
        {
            DesktopPhase.Pending or DesktopPhase.Booting => "pending",
            DesktopPhase.Running => "running",
            DesktopPhase.Stopping or DesktopPhase.Stopped or DesktopPhase.Destroying => "terminated",
            _ => "error",
        };
    }

    /// <summary>The tier's wire name.</summary>
    public static string Tier(Tier tier) => tier switch
    {
        Resources.Tier.Pro => "pro",
        Resources.Tier.Max => "max",
        _ => "free",
    };

    /// <summary>Whether control routes may reach the agent: Running, agent ready, not being deleted.</summary>
    public static bool IsControllable(Desktop desktop) =>
        desktop.Metadata.DeletionTimestamp is null && desktop.Status?.Phase == DesktopPhase.Running && desktop.Status.AgentReady
        && !string.IsNullOrEmpty(desktop.Status.AgentEndpoint);

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
