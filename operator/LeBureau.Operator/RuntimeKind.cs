namespace LeBureau.Operator;

/// <summary>Where desktops run.</summary>
public enum RuntimeKind
{
    /// <summary>A process group (Xvfb, window manager, agent) on the operator's own host.</summary>
    Local,

    /// <summary>A KubeVirt VirtualMachine per desktop.</summary>
    KubeVirt,

    /// <summary>A Pod plus a data disk PVC per desktop, running the desktop image (clusters without KubeVirt or KVM).</summary>
    Pod,
}
