namespace LeBureau.Operator.Events;

/// <summary>The latest usage figures of a running desktop, read from its agent (never written to etcd).</summary>
/// <param name="Cpu">CPU use in percent.</param>
/// <param name="MemoryPercent">Memory use in percent.</param>
/// <param name="DiskPercent">Disk use in percent.</param>
public sealed record DesktopFigures(double Cpu, double MemoryPercent, double DiskPercent);
