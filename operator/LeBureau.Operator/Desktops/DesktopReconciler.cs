using System.Security.Cryptography;
using System.Text;
using k8s.Models;
using LeBureau.Operator.Machines;
using LeBureau.Operator.Runtime;
using LeBureau.Operator.Tiers;
using LeBureau.Resources;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeBureau.Operator.Desktops;

/// <summary>
/// The Desktop reconcile loop: deletion (finalizer, wait for the machine to go) → expiry → ensure finalizer →
/// tier and provider Secret → agent token Secret → idle auto-stop → restart → machine → agent probe →
/// status written once if changed → requeue at the next deadline (probe, idle, expiry).
/// </summary>
public sealed partial class DesktopReconciler(
    ResourceClient<Desktop> desktops,
    Informer<V1Secret> secrets,
    ResourceClient<V1Secret> secretClient,
    IDesktopRuntime runtime,
    AgentProbe probe,
    EventRecorder events,
    IOptions<OperatorOptions> options,
    IOptions<TierTable> tiers,
    TimeProvider time,
    ILogger<DesktopReconciler> logger) : IReconciler<Desktop>
{
    /// <summary>The informer index of desktops by the Secrets of their provider and embeddings keys ("namespace/secret").</summary>
    public const string ByProviderSecret = "provider-secret";

    private readonly StatusWriter<Desktop, Desktop.DesktopStatus> _status = new(desktops);

    /// <summary>The keys of the Secrets a desktop's chat agent reads, provider and embeddings (for <see cref="ByProviderSecret"/>).</summary>
    public static IEnumerable<string> ProviderSecretKeys(Desktop desktop)
    {
        ArgumentNullException.ThrowIfNull(desktop);
        return ChatDelivery.SecretNames(desktop).Select(name => ObjectKey.Of(desktop.Metadata.NamespaceProperty, name));
    }

    /// <inheritdoc />
    public async Task<ReconcileResult> ReconcileAsync(Desktop desktop, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(desktop);
        var now = time.GetUtcNow();
        if (desktop.Metadata.DeletionTimestamp is not null) return await DeleteAsync(desktop, cancellationToken);

        if (ExpiryPolicy.IsExpired(desktop, now))
        {
            await events.RecordAsync(desktop, EventRecorder.Normal, ConditionReasons.Expired, $"expired at {desktop.Spec.ExpiresAt:O}; deleting", cancellationToken);
            await desktops.DeleteAsync(desktop.Metadata.NamespaceProperty, desktop.Metadata.Name, cancellationToken);
            return ReconcileResult.Success;
        }

        desktop = await desktops.AddFinalizerAsync(desktop, Finalizers.DesktopCleanup, cancellationToken);

        var size = tiers.Value.Find(desktop.Spec.Tier);
        if (size is null) return await FailAsync(desktop, new DesktopProblem(ConditionReasons.UnknownTier, $"tier {desktop.Spec.Tier} is not in the tier table"), now, cancellationToken);

        ChatSettings? chat = null;
        if (desktop.Spec.Provider is { } provider)
        {
            var embeddingsRef = ChatDelivery.EmbeddingsSecretRef(provider);
            var apiKey = SecretValue(desktop, provider.SecretRef);
            var embeddingsKey = embeddingsRef is null ? null : SecretValue(desktop, embeddingsRef);
            var absent = apiKey is null ? provider.SecretRef : embeddingsRef is not null && embeddingsKey is null ? embeddingsRef : null;
            if (absent is not null)
            {
                var missing = $"Secret {absent.Name} with key {absent.Key} not found";
                if (ProviderSecretPolicy.WaitLeft(desktop, now, options.Value.ProviderSecretGrace) is { } left)
                {
                    // The Secret's arrival triggers a reconcile (the Secret informer); the deadline makes it an error otherwise.
                    var waiting = DesktopStatusCalculator.Waiting(desktop, new DesktopProblem(ConditionReasons.WaitingForProviderSecret, missing), now);
                    await _status.WriteAsync(desktop, waiting, cancellationToken);
                    return ReconcileResult.RequeueAfter(left);
                }
                return await FailAsync(desktop, new DesktopProblem(ConditionReasons.ProviderSecretMissing, missing), now, cancellationToken);
            }
            chat = ChatDelivery.Settings(provider, apiKey!, embeddingsKey, options.Value);
        }

        var token = await EnsureAgentTokenAsync(desktop, cancellationToken);

        var idleStop = IdlePolicy.Evaluate(desktop, now).Stop;
        if (idleStop)
        {
            desktop = await desktops.MergePatchAsync(desktop.Metadata.NamespaceProperty, desktop.Metadata.Name,
                new { metadata = new { resourceVersion = desktop.Metadata.ResourceVersion }, spec = new { running = false } }, cancellationToken);
            await events.RecordAsync(desktop, EventRecorder.Normal, ConditionReasons.IdleTimeout, $"stopped after {desktop.Spec.IdleTimeout} without activity", cancellationToken);
        }

        var restart = desktop.Spec.RestartedAt is { } asked && asked != desktop.Status.ObservedRestartedAt;
        // A failed machine is brought back only by a restart (or by a start of the errored desktop, which asks for one).
        var restarted = restart && desktop.Spec.Running && desktop.Status.Phase is DesktopPhase.Running or DesktopPhase.Error;
        if (restarted)
        {
            await runtime.RestartAsync(desktop, cancellationToken);
            await events.RecordAsync(desktop, EventRecorder.Normal, "Restarted", "restart requested by spec.restartedAt", cancellationToken);
        }

        MachineObservation machine;
        try
        {
            machine = await runtime.EnsureAsync(new MachineRequest(desktop, size, token, chat), cancellationToken);
        }
        catch (Exception e) when (e is KubeApiException or IOException or InvalidOperationException)
        {
            return await FailAsync(desktop, new DesktopProblem(ConditionReasons.RuntimeFailed, e.Message), now, cancellationToken);
        }

        // A restart that was just carried out must not report the old instance as running.
        var agentPort = options.Value.AgentPort;
        var agentReady = !restarted && machine is { State: MachineState.Running, IpAddress: { } ip }
            && await probe.IsReadyAsync($"http://{ip}:{agentPort}", token, cancellationToken);
        var observed = restarted ? machine with { State = MachineState.Starting } : machine;
        Desktop.DesktopStatus Compute(Desktop d)
        {
            if (idleStop)
            {
                // A copy: the object handed in is also what the status writer compares against.
                d = k8s.KubernetesJson.Deserialize<Desktop>(k8s.KubernetesJson.Serialize(d));
                var conditions = d.Status.Conditions?.ToList() ?? [];
                ConditionList.Set(conditions, ConditionTypes.IdleStopped, true, ConditionReasons.IdleTimeout, $"no activity for {d.Spec.IdleTimeout}", d.Metadata.Generation, now);
                d.Status.Conditions = conditions;
            }
            var computed = DesktopStatusCalculator.Compute(d, observed, agentReady, agentPort, null, now);
            if (restart) computed.ObservedRestartedAt = desktop.Spec.RestartedAt;
            return computed;
        }
        var status = Compute(desktop);
        await AnnounceAsync(desktop, status, cancellationToken);
        await _status.WriteAsync(desktop, Compute, cancellationToken);

        return Next(desktop, status, now);
    }

    private ReconcileResult Next(Desktop desktop, Desktop.DesktopStatus status, DateTimeOffset now)
    {
        var deadlines = new List<TimeSpan>();
        if (ExpiryPolicy.Remaining(desktop, now) is { } expiry) deadlines.Add(expiry);
        if (ReadinessPolicy.NextLook(status, options.Value.AgentProbeInterval, now) is { } look) deadlines.Add(look);
        if (status.Phase == DesktopPhase.Running)
        {
            desktop.Status = status;
            if (IdlePolicy.Evaluate(desktop, now).CheckAfter is { } idle) deadlines.Add(idle);
        }
        return deadlines.Count == 0 ? ReconcileResult.Success : ReconcileResult.RequeueAfter(deadlines.Min() + TimeSpan.FromMilliseconds(1));
    }

    private async Task AnnounceAsync(Desktop desktop, Desktop.DesktopStatus status, CancellationToken cancellationToken)
    {
        if (status.Phase == desktop.Status.Phase) return;
        Log.Phase(logger, desktop.Metadata.NamespaceProperty, desktop.Metadata.Name, desktop.Status.Phase?.ToString() ?? "-", status.Phase?.ToString() ?? "-");
        if (status.Phase is DesktopPhase.Running or DesktopPhase.Stopped)
        {
            await events.RecordAsync(desktop, EventRecorder.Normal, status.Phase.ToString()!, $"desktop is {status.Phase.ToString()!.ToLowerInvariant()}", cancellationToken);
        }
        else if (status.Phase == DesktopPhase.Error)
        {
            await events.RecordAsync(desktop, EventRecorder.Warning, ConditionReasons.RuntimeFailed, status.Message ?? "the desktop's machine failed", cancellationToken);
        }
    }

    private async Task<ReconcileResult> FailAsync(Desktop desktop, DesktopProblem problem, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await events.RecordAsync(desktop, EventRecorder.Warning, problem.Reason, problem.Message, cancellationToken);
        await _status.WriteAsync(desktop, DesktopStatusCalculator.Compute(desktop, null, false, options.Value.AgentPort, problem, now), cancellationToken);
        return ReconcileResult.Failure($"{problem.Reason}: {problem.Message}");
    }

    private async Task<ReconcileResult> DeleteAsync(Desktop desktop, CancellationToken cancellationToken)
    {
        if (desktop.Metadata.Finalizers?.Contains(Finalizers.DesktopCleanup) != true) return ReconcileResult.Success;
        if (desktop.Status.Phase != DesktopPhase.Destroying)
        {
            var status = DesktopStatusCalculator.Compute(desktop, new MachineObservation(MachineState.Stopping), false, options.Value.AgentPort, null, time.GetUtcNow());
            status.Phase = DesktopPhase.Destroying;
            desktop = await _status.WriteAsync(desktop, status, cancellationToken) ?? desktop;
        }
        if (!await runtime.DestroyAsync(desktop, cancellationToken)) return ReconcileResult.RequeueAfter(TimeSpan.FromMilliseconds(500));
        await desktops.RemoveFinalizerAsync(desktop, Finalizers.DesktopCleanup, cancellationToken);
        Log.Destroyed(logger, desktop.Metadata.NamespaceProperty, desktop.Metadata.Name);
        return ReconcileResult.Success;
    }

    /// <summary>The text of <paramref name="reference"/> in the desktop's namespace (from the cache); null when the Secret, the key or its value is missing.</summary>
    private string? SecretValue(Desktop desktop, SecretKeyRef reference)
    {
        var secret = secrets.Get(desktop.Metadata.NamespaceProperty, reference.Name);
        return secret?.Data?.TryGetValue(reference.Key, out var bytes) == true && bytes is { Length: > 0 } ? Encoding.UTF8.GetString(bytes) : null;
    }

    private async Task<string> EnsureAgentTokenAsync(Desktop desktop, CancellationToken cancellationToken)
    {
        var name = DesktopNames.AgentTokenSecret(desktop.Metadata.Name);
        var ns = desktop.Metadata.NamespaceProperty;
        var existing = secrets.Get(ns, name) ?? await secretClient.GetAsync(ns, name, cancellationToken);
        if (existing?.Data?.TryGetValue(DesktopNames.TokenKey, out var bytes) == true) return Encoding.UTF8.GetString(bytes);
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();
        try
        {
            await secretClient.CreateAsync(new V1Secret
            {
                ApiVersion = "v1", Kind = "Secret",
                Metadata = DesktopOwner.Metadata(desktop, name, "agent-token"),
                Type = "Opaque",
                Data = new Dictionary<string, byte[]> { [DesktopNames.TokenKey] = Encoding.UTF8.GetBytes(token) },
            }, cancellationToken);
            return token;
        }
        catch (KubeApiException e) when (e.IsConflict)
        {
            var raced = await secretClient.GetAsync(ns, name, cancellationToken);
            return raced?.Data?.TryGetValue(DesktopNames.TokenKey, out var b) == true
                ? Encoding.UTF8.GetString(b)
                : throw new InvalidOperationException($"Secret {name} exists without a token");
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "desktop {Namespace}/{Name}: {From} → {To}")]
        public static partial void Phase(ILogger logger, string @namespace, string name, string from, string to);

        [LoggerMessage(Level = LogLevel.Information, Message = "desktop {Namespace}/{Name} destroyed; finalizer removed")]
        public static partial void Destroyed(ILogger logger, string @namespace, string name);
    }
}
