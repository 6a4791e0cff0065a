namespace LeBureau.DesktopAgent.Metrics;

/// <summary>Used and total MiB, and the used percentage.</summary>
public sealed record UsageFigures(long Used, long Total, double Percent)
{
    private const long MiB = 1024 * 1024;

    public static UsageFigures FromBytes(long usedBytes, long totalBytes, long? availableBytes = null)
    {
        // Like df: the percentage is of what a user can have (used + available), not of the raw size.
        var denominator = availableBytes is { } available ? usedBytes + available : totalBytes;
        var percent = denominator <= 0 ? 0 : Math.Round(100.0 * usedBytes / denominator, 1);
        return new UsageFigures(usedBytes / MiB, totalBytes / MiB, percent);
    }

    /// <summary>Parses /proc/meminfo: used = MemTotal − MemAvailable.</summary>
    public static UsageFigures FromMeminfo(string meminfo)
    {
        ArgumentNullException.ThrowIfNull(meminfo);
        long Field(string name)
        {
            var line = meminfo.Split('\n').FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.Ordinal))
                ?? throw new FormatException($"/proc/meminfo has no {name}");
            var kib = long.Parse(line[(name.Length + 1)..].Replace("kB", string.Empty, StringComparison.Ordinal).Trim(), System.Globalization.CultureInfo.InvariantCulture);
            return kib * 1024;
        }

        var total = Field("MemTotal");
        return FromBytes(total - Field("MemAvailable"), total);
    }
}
