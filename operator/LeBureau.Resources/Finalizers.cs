namespace LeBureau.Resources;

/// <summary>The finalizers the operator puts on resources.</summary>
public static class Finalizers
{
    /// <summary>Held on a Desktop until its machine, disk and secrets are gone.</summary>
    public const string DesktopCleanup = "lebureau.io/desktop-cleanup";
}
