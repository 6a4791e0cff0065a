using LeBureau.Operator.Runtime;
using LeBureau.Resources;
using Prometheus;

namespace LeBureau.Operator.Hosting;

/// <summary>
/// The operator's Prometheus metrics, in a registry of its own (several operators may share a test process):
/// reconciles and errors by controller, reconcile duration, queue depth, desktops by phase.
/// </summary>
public sealed class OperatorMetrics : IReconcileObserver
{
    private readonly Counter _reconciles;
    private readonly Histogram _duration;

    public OperatorMetrics(ControllerManager manager, Informer<Desktop> desktops)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(desktops);
        Registry = Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(Registry);
        _reconciles = factory.CreateCounter("lebureau_operator_reconciles_total", "Reconciles by controller and outcome.", "controller", "outcome");
        _duration = factory.CreateHistogram("lebureau_operator_reconcile_duration_seconds", "Reconcile duration.",
            new HistogramConfiguration { LabelNames = ["controller"], Buckets = Histogram.ExponentialBuckets(0.001, 2, 16) });
        var depth = factory.CreateGauge("lebureau_operator_queue_depth", "Keys waiting to be reconciled.", "controller");
        var phases = factory.CreateGauge("lebureau_operator_desktops", "Desktops by phase.", "phase");
        Registry.AddBeforeCollectCallback(() =>
        {
            foreach (var controller in manager.Controllers) depth.WithLabels(controller.Name).Set(controller.QueueDepth);
            var counts = desktops.List().GroupBy(d => d.Status.Phase?.ToString() ?? "None").ToDictionary(g => g.Key, g => g.Count());
            foreach (var phase in Enum.GetNames<DesktopPhase>().Append("None")) phases.WithLabels(phase).Set(counts.GetValueOrDefault(phase));
        });
    }

    /// <summary>The registry /metrics exports.</summary>
    public CollectorRegistry Registry { get; }

    /// <inheritdoc />
    public void Reconciled(string controller, TimeSpan duration, ReconcileOutcome outcome)
    {
        _reconciles.WithLabels(controller, outcome.ToString().ToLowerInvariant()).Inc();
        _duration.WithLabels(controller).Observe(duration.TotalSeconds);
    }
}
