using System.Globalization;

namespace LeBureau.Bench;

/// <summary>What the benchmarks share (linked into each): the repository's folders, the built desktop agent, the API server's write count.</summary>
internal static class BenchSupport
{
    /// <summary>The repository's <paramref name="folder"/> (found above the running benchmark).</summary>
    public static string Find(string folder)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, folder);
            if (File.Exists(Path.Combine(dir.FullName, "LeBureau.Operator.sln")) && Directory.Exists(path)) return path;
        }
        throw new DirectoryNotFoundException($"{folder}/ not found above the benchmark");
    }

    /// <summary>The desktop agent's executable, built with the benchmark in the same configuration.</summary>
    public static string AgentBinary()
    {
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var path = Path.Combine(Find("desktop-agent"), "LeBureau.DesktopAgent", "bin", configuration, "net10.0", "LeBureau.DesktopAgent");
        return File.Exists(path) ? path : throw new FileNotFoundException("the desktop agent was not built", path);
    }

    /// <summary>Mutating requests the API server has served so far (apiserver_request_total by verb), leader-election renewals included.</summary>
    public static async Task<double> WritesAsync(ControlPlane.ControlPlane plane)
    {
        ArgumentNullException.ThrowIfNull(plane);
        using var http = plane.CreateHttpClient();
        var text = await http.GetStringAsync("/metrics");
        return text.Split('\n')
            .Where(l => l.StartsWith("apiserver_request_total{", StringComparison.Ordinal) &&
                        (l.Contains("verb=\"POST\"", StringComparison.Ordinal) || l.Contains("verb=\"PUT\"", StringComparison.Ordinal) ||
                         l.Contains("verb=\"PATCH\"", StringComparison.Ordinal) || l.Contains("verb=\"DELETE\"", StringComparison.Ordinal)))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
    }
}
