namespace LeBureau.ApiServer.Agent;

/// <summary>Resource usage of a desktop, as the agent reports it.</summary>
/// <param name="Cpu">CPU use, percent.</param>
/// <param name="Memory">RAM in MiB.</param>
/// <param name="Disk">Disk in MiB.</param>
public sealed record MetricsDto(double Cpu, UsageDto Memory, UsageDto Disk);

/// <summary>Used and total MiB, and the percentage used.</summary>
public sealed record UsageDto(long Used, long Total, double Percent);
