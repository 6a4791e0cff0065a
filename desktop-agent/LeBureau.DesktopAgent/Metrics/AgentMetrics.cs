namespace LeBureau.DesktopAgent.Metrics;

/// <summary>GET /metrics: Cpu in percent; Memory and Disk in MiB with a used percentage.</summary>
public sealed record AgentMetrics(double Cpu, UsageFigures Memory, UsageFigures Disk);
