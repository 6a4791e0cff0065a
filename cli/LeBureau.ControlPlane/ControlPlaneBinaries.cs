namespace LeBureau.ControlPlane;

/// <summary>Where etcd, kube-apiserver and kube-controller-manager are: $KUBEBUILDER_ASSETS first, else the provisioning cache.</summary>
/// <param name="Etcd">Path of etcd.</param>
/// <param name="ApiServer">Path of kube-apiserver.</param>
/// <param name="ControllerManager">Path of kube-controller-manager; null when only envtest's assets are there.</param>
public sealed record ControlPlaneBinaries(string Etcd, string ApiServer, string? ControllerManager)
{
    /// <summary>The provisioning script's cache folder for the binaries.</summary>
    public static string CacheDirectory =>
        Path.Combine(Environment.GetEnvironmentVariable("LEBUREAU_CACHE") is { Length: > 0 } cache
            ? cache
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "lebureau"),
            "control-plane", "v1.20.2", "bin");

    /// <summary>Finds the binaries, or explains what is missing and how to get it.</summary>
    public static ControlPlaneBinaries Locate()
    {
        var cache = CacheDirectory;
        var assets = Environment.GetEnvironmentVariable("KUBEBUILDER_ASSETS");
        var folders = string.IsNullOrEmpty(assets) ? new[] { cache } : [assets, cache];
        string? Find(string name) => folders.Select(f => Path.Combine(f, name)).FirstOrDefault(File.Exists)
            ?? (name == "etcd" && File.Exists("/usr/bin/etcd") ? "/usr/bin/etcd" : null);

        var etcd = Find("etcd");
        var apiServer = Find("kube-apiserver");
        if (etcd is null || apiServer is null)
        {
            throw new InvalidOperationException(
                $"{(etcd is null ? "etcd" : "kube-apiserver")} was not found in {string.Join(" or ", folders)}. " +
                "Run `sudo test/control-plane/provision.sh` (it builds and caches the control plane), or set KUBEBUILDER_ASSETS.");
        }
        return new ControlPlaneBinaries(etcd, apiServer, Find("kube-controller-manager"));
    }
}
