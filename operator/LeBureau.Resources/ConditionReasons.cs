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

    /// <summary>The task's desktop does not exist (or was deleted).</summary>
    public const string DesktopNotFound = "DesktopNotFound";

    /// <summary>The task's desktop is stopped and the task does not ask to start it (spec.startDesktop).</summary>
    public const string DesktopStopped = "DesktopStopped";

    /// <summary>The task's desktop is booting, or its agent is not ready yet.</summary>
    public const string DesktopNotReady = "DesktopNotReady";

    /// <summary>An earlier task of the same desktop runs (tasks of a desktop run one at a time, in creation order).</summary>
    public const string Queued = "Queued";

    /// <summary>The task runs on its desktop.</summary>
    public const string TaskRunning = "TaskRunning";

    /// <summary>The task finished and was approved or needed no approval.</summary>
    public const string Succeeded = "Succeeded";

    /// <summary>The desktop's agent refused the task for good (a prompt on a desktop without a chat provider).</summary>
    public const string RunRejected = "RunRejected";

    /// <summary>The command exited non-zero, the agent's turn failed, or the desktop went away.</summary>
    public const string TaskFailed = "TaskFailed";

    /// <summary>The task ran longer than spec.timeout.</summary>
    public const string TimedOut = "TimedOut";

    /// <summary>The reviewer rejected the task.</summary>
    public const string Rejected = "Rejected";

    /// <summary>spec.cancel was set.</summary>
    public const string Cancelled = "Cancelled";
}
