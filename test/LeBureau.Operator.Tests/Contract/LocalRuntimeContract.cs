using System.Globalization;
using LeBureau.Operator.Local;
using LeBureau.Operator.Tests.Infrastructure;
using LeBureau.Resources;
using LeBureau.Testing;

namespace LeBureau.Operator.Tests.Contract;

/// <summary>The runtime contract on the local runtime: Xvfb, openbox and the agent as one process group per desktop.</summary>
[Collection(OperatorCollection.Name)]
public sealed class LocalRuntimeContract(ControlPlaneFixture fixture) : RuntimeContract(fixture)
{
    protected override string Runtime => "Local";

    protected override string[] OperatorArguments => ["--Operator:AgentPort=18092", "--Operator:LocalAddressBlock=76"];

    protected override Task StartNodeAsync() => Task.CompletedTask;

    protected override Task StopNodeAsync() => Task.CompletedTask;

    protected override Task<string?> MachineAsync(Desktop desktop) =>
        Task.FromResult(Operator.Local!.GroupOf(desktop.Metadata.Uid)?.ToString(CultureInfo.InvariantCulture));

    protected override Task<string> EndMachineAsync(Desktop desktop)
    {
        // The group's leader is the agent: SIGKILL it, as the kernel's OOM killer would.
        var group = Operator.Local!.GroupOf(desktop.Metadata.Uid) ?? throw new InvalidOperationException("no group");
        using var leader = System.Diagnostics.Process.GetProcessById(group);
        leader.Kill();
        return Task.FromResult("killed (signal 9)");
    }

    protected override Task<(string? Provider, string? Embeddings)> DeliveredKeysAsync(Desktop desktop)
    {
        var folder = Path.Combine(Operator.StateDirectory, "desktops", desktop.Metadata.Uid);
        string? Read(string file) => File.Exists(Path.Combine(folder, file)) ? File.ReadAllText(Path.Combine(folder, file)) : null;
        return Task.FromResult((Read(LocalDesktopLauncher.ProviderKeyFile), Read(LocalDesktopLauncher.EmbeddingsKeyFile)));
    }
}
