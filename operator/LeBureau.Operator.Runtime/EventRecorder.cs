using System.Collections.Concurrent;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace LeBureau.Operator.Runtime;

/// <summary>
/// Writes core/v1 Events about objects (what <c>kubectl describe</c> shows). A repeat of the same
/// (object, type, reason, message) bumps the count of the existing Event instead of creating another.
/// Recording never throws: a lost Event must not fail a reconcile.
/// </summary>
public sealed partial class EventRecorder
{
    /// <summary>Event type Normal.</summary>
    public const string Normal = "Normal";

    /// <summary>Event type Warning.</summary>
    public const string Warning = "Warning";

    private const int MaxRemembered = 4096;
    private readonly ResourceClient<Corev1Event> _events;
    private readonly string _component;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<(string Uid, string Type, string Reason, string Message), (string Name, int Count)> _seen = new();

    public EventRecorder(KubeApi api, string component, ILogger<EventRecorder> logger, TimeProvider? time = null)
    {
        _events = new ResourceClient<Corev1Event>(api);
        _component = component ?? throw new ArgumentNullException(nameof(component));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Records an Event of <paramref name="type"/> (Normal or Warning) about <paramref name="subject"/>.</summary>
    public async Task RecordAsync(IKubernetesObject<V1ObjectMeta> subject, string type, string reason, string message,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var ns = subject.Metadata.NamespaceProperty ?? "default";
        var key = (subject.Metadata.Uid ?? subject.Metadata.Name, type, reason, message);
        var now = _time.GetUtcNow().UtcDateTime;
        try
        {
            if (_seen.TryGetValue(key, out var seen))
            {
                try
                {
                    await _events.MergePatchAsync(ns, seen.Name, new { count = seen.Count + 1, lastTimestamp = now }, cancellationToken);
                    _seen[key] = (seen.Name, seen.Count + 1);
                    return;
                }
                catch (KubeApiException e) when (e.IsNotFound)
                {
                    _seen.TryRemove(key, out _);
                }
            }
            var created = await _events.CreateAsync(new Corev1Event
            {
                Metadata = new V1ObjectMeta { Name = $"{subject.Metadata.Name}.{now.Ticks:x}", NamespaceProperty = ns },
                InvolvedObject = new V1ObjectReference
                {
                    ApiVersion = subject.ApiVersion, Kind = subject.Kind, Name = subject.Metadata.Name,
                    NamespaceProperty = subject.Metadata.NamespaceProperty, Uid = subject.Metadata.Uid,
                    ResourceVersion = subject.Metadata.ResourceVersion,
                },
                Type = type, Reason = reason, Message = message, Count = 1,
                FirstTimestamp = now, LastTimestamp = now,
                Source = new V1EventSource { Component = _component },
                ReportingComponent = _component,
            }, cancellationToken);
            // Aggregation is best effort: a bounded cache, forgotten wholesale when full, keeps memory flat.
            if (_seen.Count >= MaxRemembered) _seen.Clear();
            _seen[key] = (created.Metadata.Name, 1);
        }
        catch (Exception e) when (e is KubeApiException or HttpRequestException)
        {
            Log.Lost(_logger, reason, subject.Metadata.Name, e.Message);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "could not record event {Reason} on {Name}: {Error}")]
        public static partial void Lost(ILogger logger, string reason, string name, string error);
    }
}
