using LeBureau.Resources;

namespace LeBureau.Operator.Desktops;

/// <summary>
/// Whether a missing provider Secret is an error yet. A Desktop and its Secret are usually created together (the
/// api-server creates the Secret just after the Desktop, so that the Desktop can own it; <c>kubectl apply -f</c> of
/// a folder creates them in either order), so a new desktop waits for it for a grace period before it is an Error.
/// </summary>
public static class ProviderSecretPolicy
{
    /// <summary>
    /// How much longer <paramref name="desktop"/> waits for its Secret at <paramref name="now"/>, given <paramref name="grace"/>
    /// from its creation; null once it is an error (also for a desktop that has been past Pending: its Secret went away).
    /// </summary>
    public static TimeSpan? WaitLeft(Desktop desktop, DateTimeOffset now, TimeSpan grace)
    {
        ArgumentNullException.ThrowIfNull(desktop);
        if (desktop.Status?.Phase is not (null or DesktopPhase.Pending)) return null;
        if (desktop.Metadata.CreationTimestamp is not { } created) return null;
        var left = new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc)) + grace - now;
        return left > TimeSpan.Zero ? left : null;
    }
}
