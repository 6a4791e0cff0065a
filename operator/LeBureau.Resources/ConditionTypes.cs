namespace LeBureau.Resources;

/// <summary>The condition types the operator writes.</summary>
public static class ConditionTypes
{
    /// <summary>The resource is usable: a desktop runs with its agent ready; an API key authenticates.</summary>
    public const string Ready = "Ready";

    /// <summary>The desktop's machine (VM, pod or process group) runs.</summary>
    public const string VMReady = "VMReady";

    /// <summary>The desktop agent answers its health check.</summary>
    public const string AgentReady = "AgentReady";

    /// <summary>spec.expiresAt has passed.</summary>
    public const string Expired = "Expired";

    /// <summary>The desktop was stopped for inactivity.</summary>
    public const string IdleStopped = "IdleStopped";

    /// <summary>A task's desktop can take it: it exists, runs with its agent ready, and no earlier task of it is running.</summary>
    public const string DesktopAvailable = "DesktopAvailable";

    /// <summary>A task reached done, failed or cancelled.</summary>
    public const string Completed = "Completed";
}
