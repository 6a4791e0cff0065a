using System.Diagnostics;
using System.Globalization;

namespace LeBureau.ApiBench;

/// <summary>Throughput and latency percentiles of one workload run by N concurrent loops for a fixed time.</summary>
public sealed record Measurement(string Name, int Requests, double Seconds, double P50Ms, double P99Ms)
{
    public double PerSecond => Requests / Seconds;

    public static async Task<Measurement> RunAsync(string name, int concurrency, TimeSpan duration, Func<Task> operation)
    {
        for (var i = 0; i < 50; i++) await operation(); // warm-up
        var samples = new List<double>[concurrency];
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var mine = samples[worker] = [];
            while (watch.Elapsed < duration)
            {
                var start = Stopwatch.GetTimestamp();
                await operation();
                mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }));
        var seconds = watch.Elapsed.TotalSeconds;
        var all = samples.SelectMany(s => s).Order().ToArray();
        return new Measurement(name, all.Length, seconds, Percentile(all, 0.50), Percentile(all, 0.99));
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

    public string Row() => string.Create(CultureInfo.InvariantCulture, $"| {Name} | {PerSecond:F0} | {P50Ms:F2} | {P99Ms:F2} |");
}
