using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeBureau.Operator.Runtime;

/// <summary>
/// The hosted service that runs every registered <see cref="IInformer"/> (always, so a standby has warm caches)
/// and every registered <see cref="IController"/> (only while leading when leader election is enabled).
/// </summary>
public sealed partial class ControllerManager(IServiceProvider services, IOptions<LeaderElectionOptions> election,
    ILogger<ControllerManager> logger) : BackgroundService
{
    private IReadOnlyList<IInformer> _informers = [];
    private IReadOnlyList<IController> _controllers = [];
    private LeaderElection? _election;

    /// <summary>True once every informer has listed.</summary>
    public bool IsSynced => _informers.Count > 0 && _informers.All(i => i.HasSynced);

    /// <summary>True while controllers run (always with leader election off).</summary>
    public bool IsLeader => _election?.IsLeader ?? true;

    /// <summary>The controllers, for metrics.</summary>
    public IReadOnlyList<IController> Controllers => _controllers;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Controllers first: building them builds their reconcilers, which may add informer indexes.
        _controllers = [.. services.GetServices<IController>()];
        _informers = [.. services.GetServices<IInformer>()];
        var informers = _informers.Select(i => Task.Run(() => i.RunAsync(stoppingToken), stoppingToken)).ToList();
        Log.Starting(logger, _informers.Count, _controllers.Count, election.Value.Enabled);
        if (election.Value.Enabled)
        {
            _election = new LeaderElection(services.GetRequiredService<k8s.Kubernetes>(), election.Value,
                services.GetRequiredService<ILogger<LeaderElection>>());
            await _election.RunAsync(RunControllersAsync, stoppingToken);
        }
        else
        {
            await RunControllersAsync(stoppingToken);
        }
        await Task.WhenAll(informers).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task RunControllersAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(_controllers.Select(c => c.RunAsync(cancellationToken)));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped (shutdown or lost leadership).
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "starting {Informers} informers and {Controllers} controllers (leader election: {Election})")]
        public static partial void Starting(ILogger logger, int informers, int controllers, bool election);
    }
}
