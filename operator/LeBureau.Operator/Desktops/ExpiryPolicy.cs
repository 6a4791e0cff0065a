using LeBureau.Resources;

namespace LeBureau.Operator.Desktops;

/// <summary>Decides expiry: a desktop whose spec.expiresAt has passed is deleted, whatever its state.</summary>
public static class ExpiryPolicy
{
    /// <summary>Null when there is no expiry; zero or less when expired; else the time left.</summary>
    public static TimeSpan? Remaining(Desktop desktop, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(desktop);
        return desktop.Spec.ExpiresAt is { } at ? at - now : null;
    }

    /// <summary>True when <paramref name="desktop"/> has expired at <paramref name="now"/>.</summary>
    public static bool IsExpired(Desktop desktop, DateTimeOffset now) => Remaining(desktop, now) <= TimeSpan.Zero;
}
