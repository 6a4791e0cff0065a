using k8s;
using LeBureau.Operator.KubeVirt;
using LeBureau.Operator.Runtime;
using LeBureau.Resources;

namespace LeBureau.Operator.Tests.Infrastructure;

/// <summary>Small helpers over the admin client for Desktops and their children.</summary>
public sealed class DesktopApi(Kubernetes client, string @namespace)
{
    private readonly KubeApi _api = new(client);

    public ResourceClient<Desktop> Client => new(_api);

    public ResourceClient<VirtualMachine> Machines => new(_api);

    public ResourceClient<VirtualMachineInstance> Instances => new(_api);

    public string Namespace => @namespace;

    public Task<Desktop> CreateAsync(string name, Action<Desktop.DesktopSpec>? configure = null)
    {
        var desktop = new Desktop
        {
            Metadata = new k8s.Models.V1ObjectMeta { Name = name, NamespaceProperty = @namespace },
            Spec = new Desktop.DesktopSpec { DisplayName = name },
        };
        configure?.Invoke(desktop.Spec);
        return Client.CreateAsync(desktop);
    }

    public Task<Desktop?> GetAsync(string name) => Client.GetAsync(@namespace, name);

    public Task<Desktop> PatchSpecAsync(string name, object spec) => Client.MergePatchAsync(@namespace, name, new { spec });

    public Task<Desktop> WaitAsync(string name, Func<Desktop, bool> done, TimeSpan? timeout = null, string? because = null) =>
        Eventually.Until(async () => (await GetAsync(name))!, d => d is not null && done(d), timeout ?? TimeSpan.FromSeconds(45), because);

    public Task WaitGoneAsync(string name, TimeSpan? timeout = null) =>
        Eventually.Until(() => GetAsync(name), d => d is null, timeout ?? TimeSpan.FromSeconds(45), $"{name} deleted");
}
