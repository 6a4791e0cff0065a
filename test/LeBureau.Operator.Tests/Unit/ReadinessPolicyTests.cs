using LeBureau.Operator.Desktops;
using LeBureau.Resources;

namespace LeBureau.Operator.Tests.Unit;

public sealed class ReadinessPolicyTests
{
    private static readonly DateTimeOffset MachineUp = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private static Desktop.DesktopStatus Status(DesktopPhase phase, bool agentReady = false) => new()
    {
        Phase = phase,
        AgentReady = agentReady,
        Conditions = [new Condition { Type = ConditionTypes.VMReady, Status = phase == DesktopPhase.Running ? ConditionStatus.True : ConditionStatus.False, LastTransitionTime = MachineUp }],
    };

    [Theory]
    [InlineData(0, 20)]
    [InlineData(0.1, 20)]
    [InlineData(0.5, 50)]
    [InlineData(2, 200)]
    [InlineData(10, 1000)]
    [InlineData(300, 1000)]
    public void An_agent_not_ready_yet_is_asked_again_after_a_tenth_of_the_wait_so_far_between_20_ms_and_1_s(double secondsSinceMachineUp, int expectedMs)
    {
        ReadinessPolicy.NextLook(Status(DesktopPhase.Running), Interval, MachineUp.AddSeconds(secondsSinceMachineUp))
            .Should().Be(TimeSpan.FromMilliseconds(expectedMs), "not the 10 s liveness interval: the agent is seen ready within ~100 ms of it");
    }

    [Fact]
    public void A_ready_agent_is_asked_again_after_the_liveness_interval()
    {
        ReadinessPolicy.NextLook(Status(DesktopPhase.Running, agentReady: true), Interval, MachineUp.AddSeconds(1)).Should().Be(Interval);
    }

    [Fact]
    public void A_short_liveness_interval_caps_the_wait_for_an_agent_not_ready()
    {
        ReadinessPolicy.NextLook(Status(DesktopPhase.Running), TimeSpan.FromMilliseconds(300), MachineUp.AddSeconds(60)).Should().Be(TimeSpan.FromMilliseconds(300));
    }

    [Theory]
    [InlineData(DesktopPhase.Booting, 0.3, 30)]
    [InlineData(DesktopPhase.Pending, 60, 1000)]
    [InlineData(DesktopPhase.Stopping, 0, 1000)]
    public void A_desktop_coming_up_or_going_down_is_looked_at_again_soon(DesktopPhase phase, double seconds, int expectedMs)
    {
        ReadinessPolicy.NextLook(Status(phase), Interval, MachineUp.AddSeconds(seconds)).Should().Be(TimeSpan.FromMilliseconds(expectedMs));
    }

    [Theory]
    [InlineData(DesktopPhase.Stopped)]
    [InlineData(DesktopPhase.Error)]
    public void A_stopped_or_failed_desktop_needs_no_look(DesktopPhase phase)
    {
        ReadinessPolicy.NextLook(Status(phase), Interval, MachineUp).Should().BeNull();
    }

    [Fact]
    public void A_clock_behind_the_condition_time_asks_at_the_fastest()
    {
        ReadinessPolicy.NextLook(Status(DesktopPhase.Running), Interval, MachineUp.AddSeconds(-5)).Should().Be(ReadinessPolicy.Fastest);
    }
}
