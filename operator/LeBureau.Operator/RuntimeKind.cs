namespace LeBureau.Operator;

/// <summary>Where desktops run.</summary>
public enum RuntimeKind
{
    /// <summary>A process group (Xvfb, window manager, agent) on the operator's own host.</summary>
    Local,

    /// <summary>A KubeVirt VirtualMachine per desktop.</summary>
    KubeVirt,
}
