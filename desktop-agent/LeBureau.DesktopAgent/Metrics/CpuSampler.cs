namespace LeBureau.DesktopAgent.Metrics;

/// <summary>Samples /proc/stat every second, so /metrics answers at once with the last second's CPU usage.</summary>
internal sealed class CpuSampler : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private double _percent;

    public double Percent => Volatile.Read(ref _percent);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var previous = await ReadAsync(stoppingToken);
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var current = await ReadAsync(stoppingToken);
            Volatile.Write(ref _percent, current.UsagePercentSince(previous));
            previous = current;
        }
    }

    private static async Task<CpuTimes> ReadAsync(CancellationToken cancellationToken) =>
        CpuTimes.Parse(await File.ReadAllTextAsync("/proc/stat", cancellationToken));
}
