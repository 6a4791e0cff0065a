using LeBureau.Operator.Tests.Infrastructure;
using LeBureau.Operator.Tests.KubeVirtSimulator;
using LeBureau.Resources;
using LeBureau.Testing;

namespace LeBureau.Operator.Tests.Integration;

/// <summary>Idle auto-stop, keepAlive and expiry, on the kubevirt runtime with the simulator's agent stand-in.</summary>
[Collection(OperatorCollection.Name)]
public sealed class IdleAndExpiryTests(ControlPlaneFixture fixture) : IAsyncLifetime
{
    private DesktopApi _desktops = null!;
    private VirtualMachineSimulator _simulator = null!;
    private OperatorInstance _operator = null!;

    public async Task InitializeAsync()
    {
        var ns = await fixture.CreateNamespaceAsync("idle");
        _desktops = new DesktopApi(fixture.Client, ns);
        _simulator = await VirtualMachineSimulator.StartAsync(fixture.Plane, ns, agentBinary: null);
        _operator = await OperatorInstance.StartAsync(fixture.Plane.KubeconfigPath, ns);
    }

    public async Task DisposeAsync()
    {
        await _operator.DisposeAsync();
        await _simulator.DisposeAsync();
    }

    [Fact]
    public async Task An_idle_desktop_is_stopped_and_keepAlive_prevents_it()
    {
        await _desktops.CreateAsync("idle", s => s.IdleTimeout = "2s");
        await _desktops.CreateAsync("kept", s => { s.IdleTimeout = "1s"; s.KeepAlive = true; });
        var running = await _desktops.WaitAsync("idle", d => d.Status.Phase == DesktopPhase.Running, because: "idle running");

        var stopped = await _desktops.WaitAsync("idle", d => d.Status.Phase == DesktopPhase.Stopped, because: "idle auto-stopped");
        stopped.Spec.Running.Should().BeFalse();
        stopped.Status.Conditions.Should().Contain(c => c.Type == ConditionTypes.IdleStopped && c.Status == ConditionStatus.True && c.Reason == ConditionReasons.IdleTimeout);
        stopped.Status.Conditions.Should().Contain(c => c.Type == ConditionTypes.VMReady && c.Reason == ConditionReasons.IdleTimeout);
        (DateTimeOffset.UtcNow - running.Status.StartedAt!.Value).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(2));

        var kept = await _desktops.GetAsync("kept");
        kept!.Spec.Running.Should().BeTrue();
        kept.Status.Phase.Should().Be(DesktopPhase.Running);

        // Starting it again clears IdleStopped.
        await _desktops.PatchSpecAsync("idle", new { running = true, keepAlive = true });
        await _desktops.WaitAsync("idle", d => d.Status.Phase == DesktopPhase.Running &&
            d.Status.Conditions!.Any(c => c.Type == ConditionTypes.IdleStopped && c.Status == ConditionStatus.False), because: "idle running again");
    }

    [Fact]
    public async Task Activity_keeps_a_desktop_running()
    {
        await _desktops.CreateAsync("busy", s => s.IdleTimeout = "3s");
        await _desktops.WaitAsync("busy", d => d.Status.Phase == DesktopPhase.Running, because: "busy running");
        var until = DateTime.UtcNow.AddSeconds(5);
        while (DateTime.UtcNow < until)
        {
            await _desktops.Client.MergePatchAsync(_desktops.Namespace, "busy",
                new { metadata = new { annotations = new Dictionary<string, string> { [Annotations.LastActivity] = DateTimeOffset.UtcNow.ToString("O") } } });
            (await _desktops.GetAsync("busy"))!.Spec.Running.Should().BeTrue();
            await Task.Delay(500);
        }
        await _desktops.WaitAsync("busy", d => d.Status.Phase == DesktopPhase.Stopped, because: "busy stopped after activity ends");
    }

    [Fact]
    public async Task An_expired_desktop_is_deleted()
    {
        await _desktops.CreateAsync("short", s => s.ExpiresAt = DateTimeOffset.UtcNow.AddSeconds(4));
        await _desktops.WaitAsync("short", d => d.Status.Phase == DesktopPhase.Running, because: "short running");
        await _desktops.WaitGoneAsync("short");
        (await _desktops.Machines.GetAsync(_desktops.Namespace, "short")).Should().BeNull();
    }
}
