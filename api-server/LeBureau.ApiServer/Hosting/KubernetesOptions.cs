namespace LeBureau.ApiServer.Hosting;

/// <summary>How the api-server reaches the Kubernetes API (section <c>Kubernetes</c>).</summary>
public sealed class KubernetesOptions
{
    public const string Section = "Kubernetes";

    /// <summary>Kubeconfig file; when empty, the in-cluster service account, else the default kubeconfig.</summary>
    public string? Kubeconfig { get; set; }
}
