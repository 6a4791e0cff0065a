namespace LeBureau.Client;

/// <summary>A desktop as <c>/api/desktops</c> and <c>/v1/desktops</c> show it.</summary>
/// <param name="Id">The desktop id (a UUID).</param>
/// <param name="Name">The display name.</param>
/// <param name="Status">pending | booting | running | stopping | stopped | destroying | error.</param>
/// <param name="Tier">free | pro | max.</param>
/// <param name="IpAddress">The desktop's IP, once known.</param>
/// <param name="CreatedAt">Creation time.</param>
/// <param name="KeepAlive">Never auto-stopped for inactivity when true.</param>
/// <param name="AgentReady">Whether control and chat calls can be made.</param>
/// <param name="Metrics">CPU, RAM and disk usage (single get of a running desktop only).</param>
public sealed record DesktopInfo(
    string Id, string Name, string Status, string Tier, string? IpAddress, DateTimeOffset? CreatedAt, bool KeepAlive, bool AgentReady,
    DesktopMetrics? Metrics = null);
