using System.Collections.Concurrent;
using System.Diagnostics;
using LeBureau.AgentContract;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LeBureau.Operator.Tests.Infrastructure;

/// <summary>
/// A stand-in for the desktop agent's run API (<see cref="AgentRoutes"/>: POST runs idempotent by id, GET runs/{id},
/// POST runs/{id}/cancel) and /healthz, until the real agent serves them. It runs commands for real with bash in their
/// own process group. It listens on 0.0.0.0, so it answers on every loopback address the KubeVirt simulator gives
/// a desktop (run the simulator without agents). Counts starts per id and the most runs seen at once.
/// </summary>
public sealed class FakeRunAgent : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Run> _runs = new();
    private readonly ConcurrentDictionary<string, int> _starts = new();
    private int _running;
    private int _maxRunning;

    private FakeRunAgent(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    /// <summary>The port (give it to the operator as Operator:AgentPort).</summary>
    public int Port { get; }

    /// <summary>How many times run <paramref name="id"/> was started (POST runs that created it).</summary>
    public int Starts(string id) => _starts.GetValueOrDefault(id);

    /// <summary>The most runs that were running at once.</summary>
    public int MaxConcurrent => Volatile.Read(ref _maxRunning);

    /// <summary>True while run <paramref name="id"/>'s process lives.</summary>
    public bool IsRunning(string id) => _runs.TryGetValue(id, out var run) && !run.Process.HasExited;

    public static async Task<FakeRunAgent> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://0.0.0.0:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var agent = new FakeRunAgent(app, port);
        app.Use(async (context, next) =>
        {
            if (context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.Ordinal)) await next(context);
            else context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        });
        app.MapGet("/healthz", () => Results.Ok("ok"));
        app.MapPost("/" + AgentRoutes.Runs, (RunRequest request) => agent.Start(request));
        app.MapGet("/runs/{id}", (string id) => agent._runs.TryGetValue(id, out var run) ? Results.Ok(run.State()) : Results.NotFound());
        app.MapPost("/runs/{id}/cancel", (string id) => agent.Cancel(id));
        await app.StartAsync();
        return agent;
    }

    private IResult Start(RunRequest request)
    {
        lock (_runs)
        {
            if (_runs.TryGetValue(request.Id, out var existing)) return Results.Ok(existing.State());
            var process = new Process { StartInfo = new ProcessStartInfo("setsid", ["bash", "-c", request.Content]) { RedirectStandardOutput = true, RedirectStandardError = true } };
            process.Start();
            var run = new Run(request, process, DateTimeOffset.UtcNow);
            _runs[request.Id] = run;
            _starts.AddOrUpdate(request.Id, 1, (_, n) => n + 1);
            var now = Interlocked.Increment(ref _running);
            int max;
            while (now > (max = Volatile.Read(ref _maxRunning)) && Interlocked.CompareExchange(ref _maxRunning, now, max) != max) { }
            _ = run.WaitAsync(TimeSpan.FromMilliseconds(request.TimeoutMs)).ContinueWith(_ => Interlocked.Decrement(ref _running), TaskScheduler.Default);
            return Results.Created($"/runs/{request.Id}", run.State());
        }
    }

    private IResult Cancel(string id)
    {
        if (!_runs.TryGetValue(id, out var run)) return Results.NotFound();
        run.Kill(RunStatus.Cancelled);
        return Results.Ok(run.State());
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var run in _runs.Values) run.Kill(RunStatus.Cancelled);
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed class Run(RunRequest request, Process process, DateTimeOffset startedAt)
    {
        private readonly Task<string> _stdout = process.StandardOutput.ReadToEndAsync();
        private RunStatus? _final;

        public Process Process => process;

        public async Task WaitAsync(TimeSpan timeout)
        {
            using var cts = new CancellationTokenSource(timeout);
            try
            {
                await process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                Kill(RunStatus.TimedOut);
                await process.WaitForExitAsync();
            }
            await _stdout;
        }

        public void Kill(RunStatus status)
        {
            if (process.HasExited) return;
            _final = status;
            Process.Start("kill", ["-s", "KILL", "--", $"-{process.Id}"])!.WaitForExit();
        }

        public RunState State()
        {
            var done = process.HasExited && _stdout.IsCompleted;
            var status = !done ? RunStatus.Running : _final ?? (process.ExitCode == 0 ? RunStatus.Succeeded : RunStatus.Failed);
            return new RunState(request.Id, request.Kind, status, done ? _stdout.Result : "", false, done ? process.ExitCode : null, null,
                null, startedAt, done ? DateTimeOffset.UtcNow : null);
        }
    }
}
