using System.Text.Json.Serialization;

namespace LeBureau.Resources;

/// <summary>Where a desktop is in its lifecycle.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DesktopPhase>))]
public enum DesktopPhase
{
    /// <summary>Accepted; its runtime objects are being created.</summary>
    Pending,

    /// <summary>The machine is starting; the agent is not answering yet.</summary>
    Booting,

    /// <summary>The machine runs (see status.agentReady for the agent).</summary>
    Running,

    /// <summary>The machine is shutting down; its disk is kept.</summary>
    Stopping,

    /// <summary>The machine is off; its disk is kept.</summary>
    Stopped,

    /// <summary>The desktop is being deleted with its machine and disk.</summary>
    Destroying,

    /// <summary>The desktop cannot run; conditions and Events say why.</summary>
    Error,
}
