namespace LeBureau.Operator.Machines;

/// <summary>What the runtime observed of a desktop's machine.</summary>
public enum MachineState
{
    /// <summary>No machine exists.</summary>
    Absent,

    /// <summary>Created or booting, not running yet.</summary>
    Starting,

    /// <summary>Running (an address is known).</summary>
    Running,

    /// <summary>Shutting down.</summary>
    Stopping,

    /// <summary>Defined but off; its disk is kept.</summary>
    Stopped,

    /// <summary>The runtime failed to run it.</summary>
    Failed,
}
