namespace LeBureau.Resources;

/// <summary>The condition reasons (and Event reasons) the operator writes.</summary>
public static class ConditionReasons
{
    /// <summary>The machine is being created or booted.</summary>
    public const string Provisioning = "Provisioning";

    /// <summary>The machine runs.</summary>
    public const string MachineRunning = "MachineRunning";

    /// <summary>The machine is stopped because spec.running is false.</summary>
    public const string StoppedBySpec = "StoppedBySpec";

    /// <summary>The machine was stopped after idleTimeout without activity.</summary>
    public const string IdleTimeout = "IdleTimeout";

    /// <summary>The agent answered its health check.</summary>
    public const string AgentResponding = "AgentResponding";

    /// <summary>The agent did not answer its health check.</summary>
    public const string AgentNotResponding = "AgentNotResponding";

    /// <summary>spec.tier names no tier of the operator's table.</summary>
    public const string UnknownTier = "UnknownTier";

    /// <summary>The provider Secret or its key is missing.</summary>
    public const string ProviderSecretMissing = "ProviderSecretMissing";

    /// <summary>A new desktop's provider Secret has not arrived yet (it is often created just after the Desktop).</summary>
    public const string WaitingForProviderSecret = "WaitingForProviderSecret";

    /// <summary>The runtime failed to create or run the machine.</summary>
    public const string RuntimeFailed = "RuntimeFailed";

    /// <summary>spec.expiresAt has passed and the desktop is being deleted.</summary>
    public const string Expired = "Expired";

    /// <summary>The API key has been generated and authenticates.</summary>
    public const string KeyIssued = "KeyIssued";

    /// <summary>The API key was revoked.</summary>
    public const string Revoked = "Revoked";

    /// <summary>The API key expired.</summary>
    public const string KeyExpired = "KeyExpired";
}
