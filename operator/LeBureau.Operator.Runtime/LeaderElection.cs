using k8s;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;
using Microsoft.Extensions.Logging;

namespace LeBureau.Operator.Runtime;

/// <summary>Runs work only while this instance leads (KubernetesClient's <see cref="LeaderElector"/> with a <see cref="LeaseLock"/>).</summary>
public sealed partial class LeaderElection(IKubernetes client, LeaderElectionOptions options, ILogger<LeaderElection> logger)
{
    private volatile bool _leading;

    /// <summary>True while this instance holds the Lease.</summary>
    public bool IsLeader => _leading;

    /// <summary>Campaigns until cancelled; runs <paramref name="whileLeading"/> each time leadership is won and cancels it when lost.</summary>
    public async Task RunAsync(Func<CancellationToken, Task> whileLeading, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(whileLeading);
        while (!cancellationToken.IsCancellationRequested)
        {
            using var leadership = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var work = Task.CompletedTask;
            var lease = new LeaseLock(client, options.LeaseNamespace, options.LeaseName, options.Identity);
            using var elector = new LeaderElector(new LeaderElectionConfig(lease)
            {
                LeaseDuration = options.LeaseDuration,
                RenewDeadline = options.RenewDeadline,
                RetryPeriod = options.RetryPeriod,
            });
            elector.OnStartedLeading += () =>
            {
                _leading = true;
                Log.Leading(logger, options.Identity, options.LeaseNamespace, options.LeaseName);
                work = Task.Run(() => whileLeading(leadership.Token), CancellationToken.None);
            };
            elector.OnStoppedLeading += () =>
            {
                _leading = false;
                Log.Lost(logger, options.Identity);
                leadership.Cancel();
            };
            try
            {
                await elector.RunUntilLeadershipLostAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Shutting down.
            }
            catch (Exception e)
            {
                Log.Failed(logger, e.Message);
            }
            _leading = false;
            await leadership.CancelAsync();
            try
            {
                await work;
            }
            catch (OperationCanceledException)
            {
                // The work stopped with its leadership.
            }
            if (!cancellationToken.IsCancellationRequested) await Task.Delay(options.RetryPeriod, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "{Identity} leads (Lease {Namespace}/{Name})")]
        public static partial void Leading(ILogger logger, string identity, string @namespace, string name);

        [LoggerMessage(Level = LogLevel.Warning, Message = "{Identity} lost leadership")]
        public static partial void Lost(ILogger logger, string identity);

        [LoggerMessage(Level = LogLevel.Warning, Message = "leader election failed: {Error}")]
        public static partial void Failed(ILogger logger, string error);
    }
}
