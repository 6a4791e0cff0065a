namespace LeBureau.ControlPlane;

/// <summary>How to start a <see cref="ControlPlane"/>.</summary>
public sealed class ControlPlaneOptions
{
    /// <summary>
    /// StateDirectory keeps etcd's data, certificates and the kubeconfig. Default: a new temporary folder,
    /// deleted on dispose. Give a fixed folder (and fixed ports) to keep the cluster across restarts.
    /// </summary>
    public string? StateDirectory { get; init; }

    /// <summary>Port of kube-apiserver. Default 0: a free port.</summary>
    public int ApiServerPort { get; init; }

    /// <summary>Port of etcd's client URL. Default 0: a free port.</summary>
    public int EtcdPort { get; init; }

    /// <summary>Folder whose *.yaml CustomResourceDefinitions are installed and awaited. Optional.</summary>
    public string? CrdDirectory { get; init; }

    /// <summary>How long the whole start may take before it fails with the culprit's log. Default 90 s.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>Whether to run kube-controller-manager (garbage collection, namespaces, service accounts). Default true.</summary>
    public bool WithControllerManager { get; init; } = true;
}
