using LeBureau.Operator.Local;
using LeBureau.Operator.Runtime;
using LeBureau.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LeBureau.Operator.Tests.Infrastructure;

/// <summary>The operator started in-process through <see cref="OperatorApp.Build"/>, stopped on dispose.</summary>
public sealed class OperatorInstance : IAsyncDisposable
{
    private readonly WebApplication _app;
    private bool _stopped;

    private OperatorInstance(WebApplication app, string stateDirectory, CapturedLogs logs)
    {
        _app = app;
        Logs = logs;
        StateDirectory = stateDirectory;
    }

    /// <summary>The operator's services.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Every log line of this operator, for secret scans.</summary>
    public CapturedLogs Logs { get; }

    /// <summary>The local runtime's state folder.</summary>
    public string StateDirectory { get; }

    /// <summary>The controller manager (leadership, sync).</summary>
    public ControllerManager Manager => _app.Services.GetRequiredService<ControllerManager>();

    /// <summary>The local runtime, when configured.</summary>
    public LocalRuntime? Local => _app.Services.GetService<LocalRuntime>();

    /// <summary>The base URL of /healthz, /readyz, /metrics.</summary>
    public string Url => _app.Urls.First();

    /// <summary>Starts an operator against <paramref name="kubeconfig"/> watching <paramref name="namespace"/>.</summary>
    public static async Task<OperatorInstance> StartAsync(string kubeconfig, string @namespace, string runtime = "KubeVirt", params string[] extra)
    {
        var state = Directory.CreateTempSubdirectory("lebureau-op-").FullName;
        string[] args =
        [
            "--urls=http://127.0.0.1:0",
            $"--Kubernetes:Kubeconfig={kubeconfig}",
            $"--Operator:Runtime={runtime}",
            $"--Operator:Namespaces:0={@namespace}",
            "--Operator:AgentProbeInterval=00:00:01",
            $"--Operator:StateDirectory={state}",
            $"--Operator:AgentBinary={TestAgent.Binary}",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:LeBureau=Information",
            .. extra,
        ];
        var logs = new CapturedLogs();
        var app = OperatorApp.Build(args, builder => builder.Logging.AddProvider(logs));
        await app.StartAsync();
        return new OperatorInstance(app, state, logs);
    }

    /// <summary>Stops the operator (graceful shutdown).</summary>
    public async Task StopAsync()
    {
        if (_stopped) return;
        _stopped = true;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await _app.StopAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _app.DisposeAsync();
        try { Directory.Delete(StateDirectory, recursive: true); } catch (IOException) { }
    }
}
