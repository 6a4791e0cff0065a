using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using LeBureau.Testing;

namespace LeBureau.Streams.Tests;

/// <summary>The Node <c>eventsource</c> package as a consumer (test/sse-clients/node-eventsource.js), in a real node process.</summary>
public sealed class NodeEventSource : IDisposable
{
    private readonly Process _process;

    public NodeEventSource(Uri url, string key)
    {
        var info = new ProcessStartInfo("node", [RepoPaths.Of("test", "sse-clients", "node-eventsource.js"), url.ToString(), key, "1000"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line) Events.Enqueue(JsonDocument.Parse(line).RootElement.GetProperty("data").Clone());
        };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Errors.Enqueue(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public ConcurrentQueue<JsonElement> Events { get; } = new();

    public ConcurrentQueue<string> Errors { get; } = new();

    public bool Has(string type, string id) =>
        Events.Any(e => e.GetProperty("type").GetString() == type && e.GetProperty("payload").GetProperty("id").GetString() == id);

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
