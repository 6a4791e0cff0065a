using System.Diagnostics;
using System.Globalization;

namespace LeBureau.AgentBench;

/// <summary>Timings of one measured operation and their percentiles.</summary>
public sealed class Latencies(string name, IReadOnlyList<double> milliseconds)
{
    public string Name { get; } = name;

    public int Count => milliseconds.Count;

    public double P50 => Percentile(0.50);

    public double P99 => Percentile(0.99);

    public static async Task<Latencies> MeasureAsync(string name, int warmup, int iterations, Func<Task> operation)
    {
        for (var i = 0; i < warmup; i++)
        {
            await operation();
        }

        var samples = new List<double>(iterations);
        for (var i = 0; i < iterations; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await operation();
            samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        return new Latencies(name, samples);
    }

    public string Row() => string.Create(CultureInfo.InvariantCulture, $"| {Name} | {Count} | {P50:F2} | {P99:F2} |");

    private double Percentile(double p)
    {
        var sorted = milliseconds.Order().ToList();
        var index = (int)Math.Ceiling(p * sorted.Count) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Count - 1)];
    }
}
