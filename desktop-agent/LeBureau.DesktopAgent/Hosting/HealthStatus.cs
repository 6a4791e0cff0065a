namespace LeBureau.DesktopAgent.Hosting;

/// <summary>GET /healthz when ready: Status "ready", the Display and its size.</summary>
public sealed record HealthStatus(string Status, string Display, int Width, int Height);
