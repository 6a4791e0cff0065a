using k8s;
using k8s.Models;
using Xunit;

namespace LeBureau.Testing;

/// <summary>
/// The xunit fixture over the process's shared control plane: a client, kubectl, and a fresh namespace
/// per test class (<see cref="CreateNamespaceAsync"/>), deleted when the fixture is disposed.
/// </summary>
public sealed class ControlPlaneFixture : IAsyncLifetime
{
    private readonly List<string> _namespaces = [];

    /// <summary>The control plane.</summary>
    public ControlPlane.ControlPlane Plane { get; private set; } = null!;

    /// <summary>An admin client.</summary>
    public Kubernetes Client { get; private set; } = null!;

    /// <summary>kubectl against the control plane, as admin.</summary>
    public Kubectl Kubectl { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Plane = await SharedControlPlane.GetAsync();
        Client = Plane.CreateClient();
        Kubectl = new Kubectl(Plane.KubeconfigPath);
    }

    /// <summary>Creates a namespace with a unique name that starts with <paramref name="prefix"/>.</summary>
    public async Task<string> CreateNamespaceAsync(string prefix)
    {
        var name = $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}".ToLowerInvariant();
        await Client.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });
        lock (_namespaces) _namespaces.Add(name);
        return name;
    }

    public async Task DisposeAsync()
    {
        foreach (var ns in _namespaces)
        {
            try { await Client.DeleteNamespaceAsync(ns); } catch (k8s.Autorest.HttpOperationException) { }
        }
        Client.Dispose();
    }
}
