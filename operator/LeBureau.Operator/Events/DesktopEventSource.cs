using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using k8s;
using k8s.Models;
using LeBureau.Events;
using LeBureau.Operator.Desktops;
using LeBureau.Operator.Runtime;
using LeBureau.Resources;
using Microsoft.Extensions.Options;

namespace LeBureau.Operator.Events;

/// <summary>
/// Turns Desktop changes into events while this operator leads (it is a controller, so a standby publishes
/// nothing), and samples each ready desktop's agent for <c>desktop.metrics</c>. On taking the lead it replays
/// the cache through the rules; their dedup keys keep a leader change from emitting a transition twice.
/// </summary>
public sealed partial class DesktopEventSource(
    Informer<Desktop> desktops,
    Informer<V1Secret> secrets,
    EventPublisher publisher,
    HttpClient http,
    IOptions<DesktopEventOptions> options,
    ILogger<DesktopEventSource> logger,
    TimeProvider time) : IController
{
    private readonly ConcurrentDictionary<string, DesktopFigures> _figures = new();

    public string Name => "desktop-events";

    public int QueueDepth => 0;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        void OnChange(WatchEventType type, Desktop? old, Desktop? current) => Emit(old, current);
        await desktops.WaitForSyncAsync(cancellationToken);
        desktops.Changed += OnChange;
        try
        {
            foreach (var desktop in desktops.List()) Emit(null, desktop);
            using var timer = new PeriodicTimer(options.Value.MetricsInterval, time);
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    await SampleAsync(cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // One desktop's reply never stops the events of every tenant: the next tick samples again.
                    Log.SamplingFailed(logger, e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Lost the lead or shutting down.
        }
        finally
        {
            desktops.Changed -= OnChange;
        }
    }

    private void Emit(Desktop? old, Desktop? current)
    {
        var uid = (current ?? old)?.Metadata.Uid;
        var figures = uid is not null && _figures.TryGetValue(uid, out var f) ? f : null;
        foreach (var draft in DesktopEventRules.Changes(old, current, time.GetUtcNow(), figures)) publisher.Publish(draft);
        if (current is null && uid is not null) _figures.TryRemove(uid, out _);
    }

    private async Task SampleAsync(CancellationToken cancellationToken)
    {
        var ready = desktops.List().Where(d => d.Status is { Phase: DesktopPhase.Running, AgentReady: true, AgentEndpoint: not null });
        await Parallel.ForEachAsync(ready, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (desktop, ct) =>
            {
                if (await ReadFiguresAsync(desktop, ct) is not { } figures) return;
                _figures[desktop.Metadata.Uid] = figures;
                publisher.Publish(DesktopEventRules.Metrics(desktop, figures));
            });
    }

    private async Task<DesktopFigures?> ReadFiguresAsync(Desktop desktop, CancellationToken cancellationToken)
    {
        var secret = secrets.Get(desktop.Metadata.NamespaceProperty, DesktopNames.AgentTokenSecret(desktop.Metadata.Name));
        if (secret?.Data is null || !secret.Data.TryGetValue(DesktopNames.TokenKey, out var token)) return null;
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{desktop.Status.AgentEndpoint}/metrics");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Encoding.UTF8.GetString(token));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode || response.Content.Headers.ContentLength > DesktopFigures.MaxReplyBytes) return null;
            var reply = await ReadBoundedAsync(response.Content, timeout.Token);
            var figures = reply is null ? null : DesktopFigures.Parse(reply);
            if (figures is null) Log.MetricsUnavailable(logger, desktop.Metadata.NamespaceProperty, desktop.Metadata.Name, "not a metrics reply");
            return figures;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException
                                  && !cancellationToken.IsCancellationRequested)
        {
            Log.MetricsUnavailable(logger, desktop.Metadata.NamespaceProperty, desktop.Metadata.Name, e.GetType().Name);
            return null;
        }
    }

    /// <summary>At most <see cref="DesktopFigures.MaxReplyBytes"/> of a reply as text; null when it is longer.</summary>
    private static async Task<string?> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[DesktopFigures.MaxReplyBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0) length += read;
        return length > DesktopFigures.MaxReplyBytes ? null : Encoding.UTF8.GetString(buffer, 0, length);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "sampling the desktops' metrics failed; retrying at the next tick: {Error}")]
        public static partial void SamplingFailed(ILogger logger, string error);

        [LoggerMessage(Level = LogLevel.Debug, Message = "metrics of {Namespace}/{Name} unavailable: {Reason}")]
        public static partial void MetricsUnavailable(ILogger logger, string @namespace, string name, string reason);
    }
}
