using LeBureau.Resources;

namespace LeBureau.Operator.Machines;

/// <summary>Creates, powers and destroys desktop machines (KubeVirt VMs or local process groups).</summary>
public interface IDesktopRuntime
{
    /// <summary>Creates or updates the machine to match the request (running or stopped) and reports what it sees.</summary>
    Task<MachineObservation> EnsureAsync(MachineRequest request, CancellationToken cancellationToken);

    /// <summary>Restarts a running machine once.</summary>
    Task RestartAsync(Desktop desktop, CancellationToken cancellationToken);

    /// <summary>Starts destroying the machine; true once nothing of it is left.</summary>
    Task<bool> DestroyAsync(Desktop desktop, CancellationToken cancellationToken);
}
