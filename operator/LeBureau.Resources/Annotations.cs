namespace LeBureau.Resources;

/// <summary>The annotations the platform reads and writes.</summary>
public static class Annotations
{
    /// <summary>On a Desktop: the last activity (RFC 3339), written by the api-server, coalesced.</summary>
    public const string LastActivity = "lebureau.io/last-activity";
}
