using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LeBureau.AgentBench;
using LeBureau.Testing.Providers;

namespace LeBureau.ChatBench;

/// <summary>
/// The chat loop's own overhead per tool step against what peers do per step, same run, same screen. Ours: from the
/// moment the provider stand-in finished sending a <c>tool_use</c> (a left click, which the computer tool answers
/// with a fresh scaled PNG screenshot) to the moment the next request, carrying that <c>tool_result</c>, arrives at
/// it: SDK parsing, the click, the capture and PNG encoding, base64, the request's JSON, HTTP. Peers': an
/// <c>xdotool mousemove … click 1</c> subprocess plus a <c>scrot</c> subprocess (their request building is not even
/// counted). Ratio = peers' p50 / ours p50.
/// </summary>
public static class StepBench
{
    public static async Task<string> RunAsync(int steps)
    {
        await using var standIn = await ProviderStandIn.StartAsync();
        var scratch = Directory.CreateTempSubdirectory("chat-bench-").FullName;
        var keyFile = Path.Combine(scratch, "key");
        await File.WriteAllTextAsync(keyFile, "sk-ant-bench");
        await using var desktop = await BenchDesktop.StartAsync(
            "--Chat:Provider=anthropic", $"--Chat:ApiKeyFile={keyFile}", $"--Chat:BaseUrl={standIn.BaseUrl.ToString().TrimEnd('/')}",
            $"--Chat:DataDirectory={scratch}", "--Chat:Tools:SettleDelayMs=0", $"--Chat:MaxSteps={steps + 100}", "--Chat:KeepImages=3");

        const int warmup = 20;
        var points = new[] { (1275, 795), (1270, 790) };
        var load = File.ReadAllText("/proc/loadavg").Trim();
        var ours = await OursAsync(desktop, standIn, warmup, steps, points);
        var peers = await PeersAsync(desktop, scratch, 5, Math.Min(steps, 60), points);
        Directory.Delete(scratch, recursive: true);

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"Environment: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}, Xvfb 1280x800x24 with busy content; load average before: {load}");
        report.AppendLine();
        report.AppendLine("| per tool step | n | p50 ms | p99 ms |");
        report.AppendLine("|---|---|---|---|");
        report.AppendLine(ours.Row());
        report.AppendLine(peers.Row());
        var ratio = peers.P50 / ours.P50;
        report.AppendLine();
        report.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Ratio (peers p50 / ours p50): {ratio:F1}x (target >= 20x: {(ratio >= 20 ? "met" : "NOT met")})"));
        return report.ToString();
    }

    private static async Task<Latencies> OursAsync(BenchDesktop desktop, ProviderStandIn standIn, int warmup, int steps, (int X, int Y)[] points)
    {
        var first = standIn.Requests.Count;
        for (var i = 0; i < warmup + steps; i++)
        {
            var (x, y) = points[i % points.Length];
            standIn.Anthropic.Enqueue(ScriptedReply.ToolCall("computer", JsonSerializer.Serialize(new { action = "left_click", coordinate = new[] { x, y } })));
        }
        standIn.Anthropic.Enqueue(ScriptedReply.Message("done"));

        using var response = await desktop.Client.PostAsJsonAsync("/chat", new { message = "click around" });
        response.EnsureSuccessStatusCode();
        var stream = await response.Content.ReadAsStringAsync();
        if (!stream.Contains("\"done\"", StringComparison.Ordinal)) throw new InvalidOperationException($"the turn failed: {stream[^Math.Min(stream.Length, 500)..]}");

        var requests = standIn.Requests.Skip(first).ToList();
        var samples = new List<double>(steps);
        for (var i = warmup; i < warmup + steps; i++)
        {
            var replied = requests[i].RepliedTimestamp ?? throw new InvalidOperationException("a reply was not recorded");
            samples.Add(Stopwatch.GetElapsedTime(replied, requests[i + 1].ArrivedTimestamp).TotalMilliseconds);
        }
        return new Latencies("ours: tool_use sent → next request with the click's tool_result (PNG 1280x800) arrives", samples);
    }

    private static Task<Latencies> PeersAsync(BenchDesktop desktop, string scratch, int warmup, int steps, (int X, int Y)[] points)
    {
        var file = Path.Combine(scratch, "scrot.png");
        var i = 0;
        return Latencies.MeasureAsync("peers: xdotool mousemove+click subprocess, then scrot subprocess (PNG file)", warmup, steps, () =>
        {
            var (x, y) = points[i++ % points.Length];
            if (desktop.RunTool("xdotool", "mousemove", x.ToString(CultureInfo.InvariantCulture), y.ToString(CultureInfo.InvariantCulture), "click", "1") != 0
                || desktop.RunTool("scrot", "-o", file) != 0)
            {
                throw new InvalidOperationException("xdotool or scrot failed: apt-get install xdotool scrot");
            }
            return Task.CompletedTask;
        });
    }
}
