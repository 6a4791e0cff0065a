using k8s.Models;
using LeBureau.Operator.Desktops;
using LeBureau.Operator.KubeVirt;
using LeBureau.Operator.Machines;
using LeBureau.Resources;

namespace LeBureau.Operator.Tests.Unit;

public sealed class PhaseMappingTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(true, MachineState.Absent, null, DesktopPhase.Pending)]
    [InlineData(true, MachineState.Absent, DesktopPhase.Stopped, DesktopPhase.Booting)]
    [InlineData(true, MachineState.Starting, DesktopPhase.Pending, DesktopPhase.Booting)]
    [InlineData(true, MachineState.Running, DesktopPhase.Booting, DesktopPhase.Running)]
    [InlineData(true, MachineState.Stopping, DesktopPhase.Running, DesktopPhase.Booting)]
    [InlineData(false, MachineState.Running, DesktopPhase.Running, DesktopPhase.Stopping)]
    [InlineData(false, MachineState.Stopping, DesktopPhase.Stopping, DesktopPhase.Stopping)]
    [InlineData(false, MachineState.Stopped, DesktopPhase.Stopping, DesktopPhase.Stopped)]
    [InlineData(false, MachineState.Absent, null, DesktopPhase.Stopped)]
    [InlineData(true, MachineState.Failed, DesktopPhase.Running, DesktopPhase.Error)]
    public void Phase_follows_the_desired_state_and_the_machine(bool running, MachineState machine, DesktopPhase? previous, DesktopPhase expected)
    {
        DesktopStatusCalculator.Phase(running, machine, previous).Should().Be(expected);
    }

    [Fact]
    public void Running_instance_with_an_address_is_running()
    {
        var vmi = new VirtualMachineInstance { Status = new VirtualMachineInstanceStatus { Phase = "Running", Interfaces = [new InstanceInterface { IpAddress = "10.0.0.5" }] } };
        KubeVirtRuntime.Observe(true, "d", vmi).Should().Be(new MachineObservation(MachineState.Running, "d", "10.0.0.5"));
        KubeVirtRuntime.Observe(false, "d", vmi).State.Should().Be(MachineState.Stopping);
        KubeVirtRuntime.Observe(true, "d", null).State.Should().Be(MachineState.Starting);
        KubeVirtRuntime.Observe(false, "d", null).State.Should().Be(MachineState.Stopped);
        vmi.Status.Phase = "Failed";
        KubeVirtRuntime.Observe(true, "d", vmi).State.Should().Be(MachineState.Failed);
    }

    [Fact]
    public void Status_of_a_running_desktop_has_addresses_and_conditions_and_keeps_transition_times()
    {
        var desktop = new Desktop { Metadata = new V1ObjectMeta { Name = "d", Generation = 3 } };
        var first = DesktopStatusCalculator.Compute(desktop, new MachineObservation(MachineState.Running, "d", "10.0.0.5"), true, 8080, null, Now);
        first.Phase.Should().Be(DesktopPhase.Running);
        first.AgentEndpoint.Should().Be("http://10.0.0.5:8080");
        first.StartedAt.Should().Be(Now);
        first.ObservedGeneration.Should().Be(3);
        first.Conditions.Should().Contain(c => c.Type == ConditionTypes.Ready && c.Status == ConditionStatus.True && c.Reason == ConditionReasons.AgentResponding);

        desktop.Status = first;
        var later = DesktopStatusCalculator.Compute(desktop, new MachineObservation(MachineState.Running, "d", "10.0.0.5"), true, 8080, null, Now.AddMinutes(5));
        k8s.KubernetesJson.Serialize(later).Should().Be(k8s.KubernetesJson.Serialize(first), "nothing changed, so nothing is written");

        var lost = DesktopStatusCalculator.Compute(desktop, new MachineObservation(MachineState.Running, "d", "10.0.0.5"), false, 8080, null, Now.AddMinutes(6));
        lost.AgentReady.Should().BeFalse();
        lost.Conditions.Should().Contain(c => c.Type == ConditionTypes.AgentReady && c.Reason == ConditionReasons.AgentNotResponding && c.LastTransitionTime == Now.AddMinutes(6));
        lost.Conditions.Should().Contain(c => c.Type == ConditionTypes.VMReady && c.LastTransitionTime == Now);
    }

    [Fact]
    public void A_problem_is_an_error_with_its_reason()
    {
        var desktop = new Desktop { Metadata = new V1ObjectMeta { Name = "d" } };
        var status = DesktopStatusCalculator.Compute(desktop, null, false, 8080, new DesktopProblem(ConditionReasons.ProviderSecretMissing, "Secret x not found"), Now);
        status.Phase.Should().Be(DesktopPhase.Error);
        status.Message.Should().Be("Secret x not found");
        status.Conditions.Should().Contain(c => c.Type == ConditionTypes.Ready && c.Reason == ConditionReasons.ProviderSecretMissing);
    }
}
