namespace LeBureau.Resources;

/// <summary>The annotations the platform reads and writes.</summary>
public static class Annotations
{
    /// <summary>On a Desktop: the last activity (RFC 3339), written by the api-server, coalesced.</summary>
    public const string LastActivity = "lebureau.io/last-activity";

    /// <summary>
    /// On a DesktopTask: when it was created, to the tick (round-trip format), written by the api-server. metadata.creationTimestamp
    /// has whole seconds, so tasks created in the same second would otherwise queue by name, not by creation.
    /// </summary>
    public const string CreatedAt = "lebureau.io/created-at";
}
