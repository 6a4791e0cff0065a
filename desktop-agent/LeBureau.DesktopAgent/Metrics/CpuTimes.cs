using System.Globalization;

namespace LeBureau.DesktopAgent.Metrics;

/// <summary>The aggregate "cpu" line of /proc/stat: total and idle jiffies.</summary>
public readonly record struct CpuTimes(ulong Total, ulong Idle)
{
    /// <summary>Parses the first line of /proc/stat (<c>cpu user nice system idle iowait irq softirq steal …</c>).</summary>
    public static CpuTimes Parse(string procStat)
    {
        ArgumentNullException.ThrowIfNull(procStat);
        var line = procStat.AsSpan(0, procStat.IndexOf('\n') is var end and >= 0 ? end : procStat.Length);
        var fields = line.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 5 || fields[0] != "cpu")
        {
            throw new FormatException("/proc/stat does not start with the aggregate cpu line");
        }

        // guest and guest_nice (fields 9, 10) are already counted in user and nice.
        var values = fields.Skip(1).Take(8).Select(f => ulong.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var idle = values[3] + (values.Length > 4 ? values[4] : 0);
        return new CpuTimes(values.Aggregate(0UL, (sum, v) => sum + v), idle);
    }

    /// <summary>The busy percentage between an earlier sample and this one (0 when no time passed).</summary>
    public double UsagePercentSince(CpuTimes earlier)
    {
        var total = Total - earlier.Total;
        var idle = Idle - earlier.Idle;
        return total == 0 ? 0 : Math.Round(100.0 * (total - idle) / total, 1);
    }
}
