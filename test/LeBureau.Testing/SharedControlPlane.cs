using LeBureau.ControlPlane;

namespace LeBureau.Testing;

/// <summary>
/// One control plane per test process, started on first use with the repository's CRDs installed and
/// stopped when the process exits (its watchdog also stops it if the run is killed). Test classes share
/// it and stay independent by each working in its own namespace.
/// </summary>
public static class SharedControlPlane
{
    private static readonly Lazy<Task<ControlPlane.ControlPlane>> Instance = new(StartAsync);

    /// <summary>The shared control plane, started if needed.</summary>
    public static Task<ControlPlane.ControlPlane> GetAsync() => Instance.Value;

    private static async Task<ControlPlane.ControlPlane> StartAsync()
    {
        var plane = await ControlPlane.ControlPlane.StartAsync(new ControlPlaneOptions { CrdDirectory = RepoPaths.Crds });
        AppDomain.CurrentDomain.ProcessExit += (_, _) => plane.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return plane;
    }
}
