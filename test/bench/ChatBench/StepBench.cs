using System.Diagnostics;
using System.Globalization;
using System.IO.Hashing;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LeBureau.AgentBench;
using LeBureau.Testing.Providers;

namespace LeBureau.ChatBench;

/// <summary>
/// The chat loop's own overhead per tool step against what peers do per step, same run, same screen, in two series.
/// Ours: from the moment the provider stand-in finished sending a <c>tool_use</c> to the moment the next request,
/// carrying that <c>tool_result</c> (the computer tool answers every action with a fresh scaled PNG screenshot), has
/// been received to its last byte: SDK parsing, the action, the capture and PNG encoding, base64, the request's JSON,
/// HTTP. Peers': an <c>xdotool</c> subprocess plus a <c>scrot</c> subprocess (their request building is not even
/// counted). Series "click": a left click on the screen's bottom-right corner, which changes no pixel. Series "type":
/// one character typed into an xterm, which echoes it, so every screenshot differs from the one before (the bench
/// checks it). Ratio = peers' p50 / ours p50, per series.
/// </summary>
public static class StepBench
{
    private const int Warmup = 20;
    private const int PeerWarmup = 5;

    // Inside the first xterm (100x28 at +0+0, black), on its text: a click there only moves the pointer in.
    private static readonly (int X, int Y) TypeTarget = (300, 200);

    public static async Task<string> RunAsync(int steps)
    {
        await using var standIn = await ProviderStandIn.StartAsync();
        standIn.KeepBodies = false;
        var scratch = Directory.CreateTempSubdirectory("chat-bench-").FullName;
        var keyFile = Path.Combine(scratch, "key");
        await File.WriteAllTextAsync(keyFile, "sk-ant-bench");
        await using var desktop = await BenchDesktop.StartAsync(
            "--Chat:Provider=anthropic", $"--Chat:ApiKeyFile={keyFile}", $"--Chat:BaseUrl={standIn.BaseUrl.ToString().TrimEnd('/')}",
            $"--Chat:DataDirectory={scratch}", "--Chat:Tools:SettleDelayMs=0", $"--Chat:MaxSteps={steps + 100}", "--Chat:KeepImages=3");

        var peerSteps = Math.Min(steps, 60);
        var loadBefore = Load();
        var corners = new[] { (1275, 795), (1270, 790) };
        // Two unmeasured turns first and a pause, so that both series run on code the JIT has finished optimising:
        // measured, the first series of a fresh process runs about twice as slow per step as the same series repeated
        // later (tiered compilation and its background work), whichever series it is.
        for (var round = 0; round < 2; round++)
        {
            await OursAsync(desktop, standIn, "warm-up", Enumerable.Range(0, Warmup + 200).Select(i => Computer(new { action = "mouse_move", coordinate = new[] { 1000 + (i % 2), 700 } })));
            await Task.Delay(TimeSpan.FromSeconds(3));
        }
        var click = await OursAsync(desktop, standIn, "click",
            Enumerable.Range(0, Warmup + steps).Select(i => Computer(new { action = "left_click", coordinate = new[] { corners[i % 2].Item1, corners[i % 2].Item2 } })));
        var i = 0;
        var clickPeers = await PeersAsync("peers: xdotool mousemove+click subprocess, then scrot subprocess (PNG file)", scratch, peerSteps, () =>
        {
            var (x, y) = corners[i++ % corners.Length];
            return desktop.RunTool("xdotool", "mousemove", x.ToString(CultureInfo.InvariantCulture), y.ToString(CultureInfo.InvariantCulture), "click", "1");
        }, desktop);

        var type = await OursAsync(desktop, standIn, "type",
            Enumerable.Range(0, Warmup + steps).Select(i => i == 0
                ? Computer(new { action = "left_click", coordinate = new[] { TypeTarget.X, TypeTarget.Y } })
                : Computer(new { action = "type", text = "x" })));
        desktop.RunTool("xdotool", "mousemove", TypeTarget.X.ToString(CultureInfo.InvariantCulture), TypeTarget.Y.ToString(CultureInfo.InvariantCulture));
        var typePeers = await PeersAsync("peers: xdotool type subprocess, then scrot subprocess (PNG file)", scratch, peerSteps,
            () => desktop.RunTool("xdotool", "type", "x"), desktop);
        var loadAfter = Load();
        Directory.Delete(scratch, recursive: true);

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"Environment: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}, Xvfb 1280x800x24 with busy content");
        report.AppendLine(CultureInfo.InvariantCulture, $"Load average before: {loadBefore}; after: {loadAfter}");
        report.AppendLine();
        report.AppendLine("| per tool step | n | p50 ms | p99 ms |");
        report.AppendLine("|---|---|---|---|");
        report.AppendLine(click.Latencies.Row());
        report.AppendLine(clickPeers.Row());
        report.AppendLine(type.Latencies.Row());
        report.AppendLine(type.ChangedOnly.Row());
        report.AppendLine(typePeers.Row());
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Screenshots that differ from the step before: click {click.Changed} of {steps}, type {type.Changed} of {steps}");
        report.AppendLine(Ratio("click", clickPeers, click.Latencies));
        // A typed character is not always echoed by the time of the capture (the settle delay is 0 here): the steps
        // that caught no change are left out of the headline, so that it is the cost of a step with a new screenshot.
        report.AppendLine(Ratio("type, changed steps only", typePeers, type.ChangedOnly));
        report.AppendLine(Ratio("type, all steps", typePeers, type.Latencies));
        return report.ToString();
    }

    private static string Computer(object input) => JsonSerializer.Serialize(input);

    private static string Load() => File.ReadAllText("/proc/loadavg").Trim();

    private static string Ratio(string series, Latencies peers, Latencies ours)
    {
        var ratio = peers.P50 / ours.P50;
        return string.Create(CultureInfo.InvariantCulture, $"Ratio {series} (peers p50 / ours p50): {ratio:F1}x (target >= 20x: {(ratio >= 20 ? "met" : "NOT met")})");
    }

    private static async Task<(Latencies Latencies, Latencies ChangedOnly, int Changed)> OursAsync(BenchDesktop desktop, ProviderStandIn standIn, string series, IEnumerable<string> inputs)
    {
        var first = standIn.Requests.Count;
        var calls = 0;
        // The hash of each request's newest screenshot, taken as it arrives: the stand-in keeps no bodies (KeepBodies).
        var hashes = new List<ulong?>();
        foreach (var input in inputs)
        {
            standIn.Anthropic.Enqueue(ScriptedReply.From(request =>
            {
                lock (hashes) hashes.Add(ImageHash(request));
                return ScriptedReply.ToolCall("computer", input);
            }));
            calls++;
        }
        standIn.Anthropic.Enqueue(ScriptedReply.From(request =>
        {
            lock (hashes) hashes.Add(ImageHash(request));
            return ScriptedReply.Message("done");
        }));

        using var response = await desktop.Client.PostAsJsonAsync("/chat", new { message = $"{series} around" });
        response.EnsureSuccessStatusCode();
        var stream = await response.Content.ReadAsStringAsync();
        if (!stream.Contains("\"done\"", StringComparison.Ordinal)) throw new InvalidOperationException($"the turn failed: {stream[^Math.Min(stream.Length, 500)..]}");

        var requests = standIn.Requests.Skip(first).ToList();
        var samples = new List<double>(calls - Warmup);
        var changedSamples = new List<double>();
        for (var i = Warmup; i < calls; i++)
        {
            var replied = requests[i].RepliedTimestamp ?? throw new InvalidOperationException("a reply was not recorded");
            var sample = Stopwatch.GetElapsedTime(replied, requests[i + 1].ReceivedTimestamp).TotalMilliseconds;
            samples.Add(sample);
            if ((hashes[i + 1] ?? throw new InvalidOperationException("a tool_result carried no screenshot")) != hashes[i]) changedSamples.Add(sample);
        }
        var what = series == "click" ? "a left_click on a corner (screen unchanged)" : "a type of one character into an xterm (screen changes)";
        return (new Latencies($"ours: {what}: tool_use sent → next request with its tool_result (PNG 1280x800) received", samples),
            new Latencies($"ours, {series}: only the steps whose screenshot differs from the step before", changedSamples.Count > 0 ? changedSamples : [double.NaN]),
            changedSamples.Count);
    }

    // The screenshot of the request's newest tool_result (the last image block of its last message); null for none.
    private static ulong? ImageHash(RecordedRequest request)
    {
        var content = request.Json?["messages"]?.AsArray()[^1]?["content"]?.AsArray()[^1]?["content"] as JsonArray;
        var data = content?.Select(block => block?["source"]?["data"]?.GetValue<string>()).LastOrDefault(d => d is not null);
        return data is null ? null : XxHash3.HashToUInt64(Encoding.ASCII.GetBytes(data));
    }

    private static Task<Latencies> PeersAsync(string name, string scratch, int steps, Func<int> action, BenchDesktop desktop)
    {
        var file = Path.Combine(scratch, "scrot.png");
        return Latencies.MeasureAsync(name, PeerWarmup, steps, () =>
        {
            if (action() != 0 || desktop.RunTool("scrot", "-o", file) != 0)
            {
                throw new InvalidOperationException("xdotool or scrot failed: apt-get install xdotool scrot");
            }
            return Task.CompletedTask;
        });
    }
}
