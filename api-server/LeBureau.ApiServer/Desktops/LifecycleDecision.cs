using LeBureau.Resources;

namespace LeBureau.ApiServer.Desktops;

/// <summary>Whether a lifecycle request applies to a desktop's current state (pure); a conflict names why not.</summary>
public static class LifecycleDecision
{
    /// <summary>
    /// Starting needs a desktop that is stopped (or asked to stop), or one in error (started afresh: see
    /// <see cref="StartsAfresh"/>); a running or booting one is a conflict.
    /// </summary>
    public static string? StartConflict(Desktop desktop) =>
        Deleting(desktop) ?? (desktop.Spec.Running && !StartsAfresh(desktop) ? $"The desktop is already {DesktopStatusMapping.LeBureau(desktop)}." : null);

    /// <summary>
    /// An errored desktop is started afresh: the start also sets spec.restartedAt, a spec change that has the operator
    /// try again at once instead of at its next back-off.
    /// </summary>
    public static bool StartsAfresh(Desktop desktop)
    {
        ArgumentNullException.ThrowIfNull(desktop);
        return desktop.Status?.Phase == DesktopPhase.Error;
    }

    /// <summary>Stopping needs a desktop that is meant to run.</summary>
    public static string? StopConflict(Desktop desktop) =>
        Deleting(desktop) ?? (!desktop.Spec.Running ? $"The desktop is already {DesktopStatusMapping.LeBureau(desktop)}." : null);

    /// <summary>Restarting works on any desktop not being destroyed (a stopped one is started).</summary>
    public static string? RestartConflict(Desktop desktop) => Deleting(desktop);

    private static string? Deleting(Desktop desktop) =>
        desktop.Metadata.DeletionTimestamp is not null ? "The desktop is being destroyed." : null;
}
