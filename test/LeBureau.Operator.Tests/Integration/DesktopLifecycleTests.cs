using k8s;
using k8s.Models;
using LeBureau.Operator.Desktops;
using LeBureau.Operator.Tests.Infrastructure;
using LeBureau.Operator.Tests.KubeVirtSimulator;
using LeBureau.Resources;
using LeBureau.Testing;

namespace LeBureau.Operator.Tests.Integration;

/// <summary>The kubevirt runtime end to end: the simulator turns VMs into instances and runs a real desktop agent on each.</summary>
[Collection(OperatorCollection.Name)]
public sealed class DesktopLifecycleTests(ControlPlaneFixture fixture) : IAsyncLifetime
{
    private DesktopApi _desktops = null!;
    private VirtualMachineSimulator _simulator = null!;
    private OperatorInstance _operator = null!;
    private string _ns = "";

    public async Task InitializeAsync()
    {
        _ns = await fixture.CreateNamespaceAsync("lifecycle");
        _desktops = new DesktopApi(fixture.Client, _ns);
        _simulator = await VirtualMachineSimulator.StartAsync(fixture.Plane, _ns, TestAgent.Binary, agentPort: 18080);
        _operator = await OperatorInstance.StartAsync(fixture.Plane.KubeconfigPath, _ns, "KubeVirt", "--Operator:AgentPort=18080");
    }

    public async Task DisposeAsync()
    {
        await _operator.DisposeAsync();
        await _simulator.DisposeAsync();
    }

    [Fact]
    public async Task A_desktop_runs_stops_starts_restarts_changes_tier_and_is_deleted_with_everything()
    {
        await _desktops.CreateAsync("d1", s => s.Tier = Tier.Pro);

        var running = await _desktops.WaitAsync("d1", d => d.Status.Phase == DesktopPhase.Running && d.Status.AgentReady, because: "d1 running with its agent ready");
        running.Metadata.Finalizers.Should().Contain(Finalizers.DesktopCleanup);
        running.Status.AgentEndpoint.Should().Be($"http://{running.Status.IpAddress}:18080");
        running.Status.Conditions.Should().Contain(c => c.Type == ConditionTypes.Ready && c.Status == ConditionStatus.True);
        running.Status.StartedAt.Should().NotBeNull();

        var vm = (await _desktops.Machines.GetAsync(_ns, "d1"))!;
        vm.Spec.RunStrategy.Should().Be("Always");
        vm.Spec.Template.Spec.Domain.Cpu!.Cores.Should().Be(4);
        vm.Spec.Template.Spec.Domain.Memory!.Guest.Should().Be("8Gi");
        vm.Spec.Template.Spec.Domain.Devices.Interfaces!.Single().Masquerade.Should().NotBeNull();
        vm.Metadata.OwnerReferences.Should().ContainSingle(o => o.Kind == "Desktop" && o.Uid == running.Metadata.Uid && o.Controller == true);
        var vmJson = KubernetesJson.Serialize(vm);
        var token = await fixture.Client.ReadNamespacedSecretAsync(DesktopNames.AgentTokenSecret("d1"), _ns);
        vmJson.Should().NotContain(System.Text.Encoding.UTF8.GetString(token.Data[DesktopNames.TokenKey]), "the token lives in Secrets only");
        var disk = await fixture.Client.ReadNamespacedPersistentVolumeClaimAsync(DesktopNames.DataDisk("d1"), _ns);
        disk.Spec.Resources.Requests["storage"].ToString().Should().Be("40Gi");
        disk.Metadata.OwnerReferences.Should().ContainSingle(o => o.Kind == "Desktop", "the disk goes with the desktop, not with the VM");

        // Stop: the VM is halted, its instance goes, the disk stays.
        await _desktops.PatchSpecAsync("d1", new { running = false });
        var stopped = await _desktops.WaitAsync("d1", d => d.Status.Phase == DesktopPhase.Stopped, because: "d1 stopped");
        stopped.Status.AgentReady.Should().BeFalse();
        stopped.Status.IpAddress.Should().BeNull();
        (await _desktops.Machines.GetAsync(_ns, "d1"))!.Spec.RunStrategy.Should().Be("Halted");
        (await _desktops.Instances.GetAsync(_ns, "d1")).Should().BeNull();
        (await fixture.Client.ReadNamespacedPersistentVolumeClaimAsync(DesktopNames.DataDisk("d1"), _ns)).Metadata.Uid.Should().Be(disk.Metadata.Uid);

        // Tier change while stopped: the VM is resized.
        await _desktops.PatchSpecAsync("d1", new { tier = "max" });
        await Eventually.Until(() => _desktops.Machines.GetAsync(_ns, "d1"), m => m!.Spec.Template.Spec.Domain.Memory!.Guest == "16Gi", because: "VM resized to max");

        // Start again.
        await _desktops.PatchSpecAsync("d1", new { running = true });
        var again = await _desktops.WaitAsync("d1", d => d.Status.Phase == DesktopPhase.Running && d.Status.AgentReady, because: "d1 running again");
        var instance = (await _desktops.Instances.GetAsync(_ns, "d1"))!;

        // Restart: a new instance, a new agent, observedRestartedAt follows the spec.
        var asked = DateTimeOffset.UtcNow;
        await _desktops.PatchSpecAsync("d1", new { restartedAt = asked });
        await Eventually.Until(() => _desktops.Instances.GetAsync(_ns, "d1"), i => i is not null && i.Metadata.Uid != instance.Metadata.Uid, because: "a new instance");
        var restarted = await _desktops.WaitAsync("d1", d => d.Status.ObservedRestartedAt is not null && d.Status.Phase == DesktopPhase.Running && d.Status.AgentReady,
            because: "d1 restarted");
        restarted.Status.IpAddress.Should().NotBe(again.Status.IpAddress);

        // Delete: the finalizer holds until the VM is gone, then everything goes.
        await _desktops.Client.DeleteAsync(_ns, "d1");
        await _desktops.WaitGoneAsync("d1");
        await Eventually.Until(() => _desktops.Machines.GetAsync(_ns, "d1"), m => m is null, because: "VM deleted");
        await Eventually.Until(async () => (await fixture.Client.ListNamespacedSecretAsync(_ns, labelSelector: $"{Labels.Desktop}=d1")).Items.Count,
            n => n == 0, TimeSpan.FromSeconds(120), "secrets garbage-collected");
        // The PVC keeps the kubernetes.io/pvc-protection finalizer, whose controller the test plane does not run: deletion started is the end.
        await Eventually.Until(async () => (await fixture.Client.ListNamespacedPersistentVolumeClaimAsync(_ns)).Items,
            claims => claims.All(c => c.Metadata.DeletionTimestamp is not null), TimeSpan.FromSeconds(120), "disk garbage-collected");
    }

    [Fact]
    public async Task AgentReady_turns_false_when_the_agent_stops_answering()
    {
        await _desktops.CreateAsync("d3");
        await _desktops.WaitAsync("d3", d => d.Status.AgentReady, because: "d3 agent ready");
        (await _simulator.KillAgentAsync(_ns, "d3")).Should().BeTrue();
        var lost = await _desktops.WaitAsync("d3", d => !d.Status.AgentReady, because: "agent no longer ready");
        lost.Status.Phase.Should().Be(DesktopPhase.Running, "the machine still runs");
        lost.Status.Conditions.Should().Contain(c => c.Type == ConditionTypes.AgentReady && c.Status == ConditionStatus.False && c.Reason == ConditionReasons.AgentNotResponding);
        lost.Status.Conditions.Should().Contain(c => c.Type == ConditionTypes.VMReady && c.Status == ConditionStatus.True);
    }

    [Fact]
    public async Task Events_show_the_lifecycle_and_metrics_count_reconciles()
    {
        await _desktops.CreateAsync("d2");
        var d = await _desktops.WaitAsync("d2", x => x.Status.Phase == DesktopPhase.Running, because: "d2 running");
        await Eventually.Until(async () => (await fixture.Client.CoreV1.ListNamespacedEventAsync(_ns, fieldSelector: $"involvedObject.uid={d.Metadata.Uid}")).Items,
            e => e.Any(x => x.Reason == "Running"), because: "a Running event");
        using var http = new HttpClient();
        var metrics = await http.GetStringAsync($"{_operator.Url}/metrics");
        metrics.Should().Contain("lebureau_operator_reconciles_total{controller=\"desktop\",outcome=\"success\"}");
        metrics.Should().Contain("lebureau_operator_desktops{phase=\"Running\"}");
        (await http.GetAsync($"{_operator.Url}/readyz")).IsSuccessStatusCode.Should().BeTrue();
    }
}
