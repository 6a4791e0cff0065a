using System.Globalization;
using System.Net.Http.Json;
using System.Text;

namespace LeBureau.AgentBench;

/// <summary>Agent vs subprocess baselines, measured in the same run on the same screen.</summary>
public sealed class Benchmarks(BenchDesktop desktop)
{
    public async Task<string> RunAsync()
    {
        var click = await Latencies.MeasureAsync("click via agent HTTP (POST /input/click)", 50, 500, async () =>
            (await desktop.Client.PostAsJsonAsync("/input/click", new { x = 1275, y = 795 })).EnsureSuccessStatusCode());
        var xdotool = await Latencies.MeasureAsync("xdotool click 1 (subprocess)", 2, 30, () =>
            Task.FromResult(desktop.RunTool("xdotool", "click", "1")));

        var png = await Latencies.MeasureAsync("screenshot via agent, PNG 1280x800", 5, 60, async () =>
            await desktop.Client.GetByteArrayAsync("/screenshot?format=png"));
        var jpeg = await Latencies.MeasureAsync("screenshot via agent, JPEG q80 1280x800", 5, 60, async () =>
            await desktop.Client.GetByteArrayAsync("/screenshot?format=jpeg&quality=80"));
        var scrotFile = Path.Combine(desktop.Scratch, "scrot.png");
        var scrot = await Latencies.MeasureAsync("scrot (subprocess, PNG file)", 2, 20, () =>
            Task.FromResult(desktop.RunTool("scrot", "-o", scrotFile)));
        var importFile = Path.Combine(desktop.Scratch, "import.png");
        var import = await Latencies.MeasureAsync("import -window root (subprocess, PNG file)", 1, 10, () =>
            Task.FromResult(desktop.RunTool("import", "-window", "root", importFile)));

        var pngBytes = (await desktop.Client.GetByteArrayAsync("/screenshot?format=png")).Length;
        var jpegBytes = (await desktop.Client.GetByteArrayAsync("/screenshot?format=jpeg&quality=80")).Length;

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"Environment: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}, Xvfb 1280x800x24 with 4 xterms of text and a 560x380 plasma image; load average before: {File.ReadAllText("/proc/loadavg").Trim()}");
        report.AppendLine();
        report.AppendLine("| operation | n | p50 ms | p99 ms |");
        report.AppendLine("|---|---|---|---|");
        foreach (var row in new[] { click, xdotool, png, jpeg, scrot, import })
        {
            report.AppendLine(row.Row());
        }

        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Sizes: agent PNG {pngBytes / 1024} KiB, agent JPEG q80 {jpegBytes / 1024} KiB, scrot PNG {new FileInfo(scrotFile).Length / 1024} KiB, import PNG {new FileInfo(importFile).Length / 1024} KiB");
        report.AppendLine();
        report.AppendLine("Ratios (baseline p50 / agent p50):");
        report.AppendLine(Ratio("click: xdotool / agent", xdotool, click, 50));
        report.AppendLine(Ratio("PNG: scrot / agent", scrot, png, 4));
        report.AppendLine(Ratio("PNG: import / agent", import, png, 4));
        report.AppendLine(Ratio("JPEG: scrot / agent", scrot, jpeg, 4));
        report.AppendLine(Ratio("JPEG: import / agent", import, jpeg, 4));
        return report.ToString();
    }

    private static string Ratio(string name, Latencies baseline, Latencies agent, double target)
    {
        var ratio = baseline.P50 / agent.P50;
        return string.Create(CultureInfo.InvariantCulture, $"- {name}: {ratio:F1}x (target >= {target}x: {(ratio >= target ? "met" : "NOT met")})");
    }
}
