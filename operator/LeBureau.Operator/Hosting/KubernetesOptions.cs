namespace LeBureau.Operator.Hosting;

/// <summary>How to reach the API server (configuration section Kubernetes).</summary>
public sealed class KubernetesOptions
{
    /// <summary>A kubeconfig file; when absent, the in-cluster config, else the default kubeconfig.</summary>
    public string? Kubeconfig { get; set; }
}
