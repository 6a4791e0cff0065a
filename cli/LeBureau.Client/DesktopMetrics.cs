namespace LeBureau.Client;

/// <summary>Resource usage of a desktop: CPU percent, RAM and disk in MiB.</summary>
public sealed record DesktopMetrics(double Cpu, Usage Memory, Usage Disk);

/// <summary>Used and total MiB, and the percentage used.</summary>
public sealed record Usage(long Used, long Total, double Percent);
