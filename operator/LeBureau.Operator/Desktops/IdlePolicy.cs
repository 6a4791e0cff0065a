using System.Globalization;
using LeBureau.Resources;

namespace LeBureau.Operator.Desktops;

/// <summary>
/// Decides idle auto-stop: a running desktop without keepAlive stops once idleTimeout has passed since its last
/// activity (the lebureau.io/last-activity annotation, or when it started if newer or absent).
/// </summary>
public static class IdlePolicy
{
    /// <summary>Evaluates <paramref name="desktop"/> at <paramref name="now"/>.</summary>
    public static IdleDecision Evaluate(Desktop desktop, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(desktop);
        if (desktop.Spec.KeepAlive || !desktop.Spec.Running || desktop.Status.Phase != DesktopPhase.Running) return IdleDecision.None;
        if (!Duration.TryParse(desktop.Spec.IdleTimeout, out var timeout) || timeout <= TimeSpan.Zero) return IdleDecision.None;
        var since = LastActivity(desktop);
        if (since is null) return IdleDecision.None;
        var remaining = since.Value + timeout - now;
        return remaining <= TimeSpan.Zero ? new IdleDecision(true, null) : new IdleDecision(false, remaining);
    }

    /// <summary>The later of the last-activity annotation and status.startedAt; null when neither is known.</summary>
    public static DateTimeOffset? LastActivity(Desktop desktop)
    {
        ArgumentNullException.ThrowIfNull(desktop);
        var annotated = ParseActivity(desktop);
        var started = desktop.Status.StartedAt;
        return (annotated, started) switch
        {
            (null, _) => started,
            (_, null) => annotated,
            _ => annotated > started ? annotated : started,
        };
    }

    /// <summary>The lebureau.io/last-activity annotation as a time; null when absent or malformed.</summary>
    public static DateTimeOffset? ParseActivity(Desktop desktop)
    {
        ArgumentNullException.ThrowIfNull(desktop);
        return desktop.Metadata.Annotations?.TryGetValue(Annotations.LastActivity, out var text) == true &&
               DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value
            : null;
    }
}
