using k8s;
using k8s.Models;
using LeBureau.Operator.Desktops;
using LeBureau.Operator.Tests.Infrastructure;
using LeBureau.Operator.Tests.PodSimulator;
using LeBureau.Resources;
using LeBureau.Testing;

namespace LeBureau.Operator.Tests.Contract;

/// <summary>The runtime contract on the pod runtime, with the kubelet simulator (a real agent per Pod, the home a folder per claim).</summary>
[Collection(OperatorCollection.Name)]
public sealed class PodRuntimeContract(ControlPlaneFixture fixture) : RuntimeContract(fixture)
{
    private PodStatusSimulator _kubelet = null!;

    protected override string Runtime => "Pod";

    protected override string[] OperatorArguments => ["--Operator:AgentPort=18093", "--Operator:DefaultImage=example.test/desktop:1"];

    protected override async Task StartNodeAsync() => _kubelet = await PodStatusSimulator.StartAsync(Fixture.Plane, Namespace, TestAgent.Binary);

    protected override async Task StopNodeAsync() => await _kubelet.DisposeAsync();

    protected override async Task<string?> MachineAsync(Desktop desktop)
    {
        var pods = await Fixture.Client.CoreV1.ListNamespacedPodAsync(Namespace, fieldSelector: $"metadata.name={DesktopNames.Machine(desktop.Metadata.Name)}");
        return pods.Items.SingleOrDefault(p => p.Status?.Phase == "Running" && p.Metadata.DeletionTimestamp is null)?.Metadata.Uid;
    }

    protected override async Task<string> EndMachineAsync(Desktop desktop)
    {
        await _kubelet.EndAsync(Namespace, DesktopNames.Machine(desktop.Metadata.Name), 137, "OOMKilled");
        return "exited with code 137 (OOMKilled)";
    }

    protected override async Task<(string? Provider, string? Embeddings)> DeliveredKeysAsync(Desktop desktop)
    {
        // What the kubelet gives the container: its env, valueFrom the Secrets resolved.
        var pod = await Fixture.Client.ReadNamespacedPodAsync(DesktopNames.Machine(desktop.Metadata.Name), Namespace);
        async Task<string?> Env(string name) => pod.Spec.Containers[0].Env.SingleOrDefault(e => e.Name == name) is { } env
            ? env.Value ?? await SecretTextAsync(env.ValueFrom.SecretKeyRef.Name, env.ValueFrom.SecretKeyRef.Key)
            : null;
        return (await Env("LEBUREAU_PROVIDER_KEY"), await Env("LEBUREAU_EMBEDDINGS_KEY"));
    }
}
