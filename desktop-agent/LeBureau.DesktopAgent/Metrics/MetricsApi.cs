using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace LeBureau.DesktopAgent.Metrics;

/// <summary>Resource usage: /metrics.</summary>
internal static class MetricsApi
{
    public static IEndpointRouteBuilder MapMetricsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/metrics", Metrics);
        return app;
    }

    private static async Task<Ok<AgentMetrics>> Metrics(CpuSampler cpu, IOptions<AgentOptions> options, CancellationToken cancellationToken)
    {
        var memory = UsageFigures.FromMeminfo(await File.ReadAllTextAsync("/proc/meminfo", cancellationToken));
        var drive = new DriveInfo(options.Value.MetricsDiskPath);
        var disk = UsageFigures.FromBytes(drive.TotalSize - drive.TotalFreeSpace, drive.TotalSize, drive.AvailableFreeSpace);
        return TypedResults.Ok(new AgentMetrics(cpu.Percent, memory, disk));
    }
}
