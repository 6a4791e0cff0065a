namespace LeBureau.Cli.Desktops;

/// <summary>What <c>--wait</c> waits for.</summary>
public enum WaitTarget
{
    /// <summary>Running with agentReady: control and chat work (create, start, restart).</summary>
    AgentReady,

    /// <summary>Stopped (stop).</summary>
    Stopped,
}
