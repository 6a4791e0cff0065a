using k8s.Models;
using LeBureau.Operator.Desktops;
using LeBureau.Resources;

namespace LeBureau.Operator.Tests.Unit;

public sealed class ProviderSecretPolicyTests
{
    private static readonly DateTimeOffset Created = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);

    private static Desktop Desktop(DesktopPhase? phase) => new()
    {
        Metadata = new V1ObjectMeta { Name = "d", CreationTimestamp = Created.UtcDateTime, Generation = 1 },
        Spec = new Desktop.DesktopSpec(),
        Status = new Desktop.DesktopStatus { Phase = phase },
    };

    [Theory]
    [InlineData(null, 0, 30)]
    [InlineData(DesktopPhase.Pending, 12, 18)]
    [InlineData(DesktopPhase.Pending, 29.5, 0.5)]
    public void A_new_desktop_waits_out_the_rest_of_the_grace(DesktopPhase? phase, double secondsAfterCreation, double secondsLeft)
    {
        ProviderSecretPolicy.WaitLeft(Desktop(phase), Created.AddSeconds(secondsAfterCreation), Grace).Should().Be(TimeSpan.FromSeconds(secondsLeft));
    }

    [Theory]
    [InlineData(null, 30)]
    [InlineData(DesktopPhase.Pending, 31)]
    [InlineData(DesktopPhase.Running, 1)]
    [InlineData(DesktopPhase.Stopped, 1)]
    [InlineData(DesktopPhase.Error, 1)]
    public void Past_the_grace_or_past_pending_a_missing_secret_is_an_error(DesktopPhase? phase, double secondsAfterCreation)
    {
        ProviderSecretPolicy.WaitLeft(Desktop(phase), Created.AddSeconds(secondsAfterCreation), Grace).Should().BeNull();
    }

    [Fact]
    public void A_waiting_desktop_is_pending_and_not_ready_saying_why()
    {
        var status = DesktopStatusCalculator.Waiting(Desktop(null),
            new DesktopProblem(ConditionReasons.WaitingForProviderSecret, "Secret p with key apiKey not found"), Created);

        status.Phase.Should().Be(DesktopPhase.Pending);
        status.Message.Should().Contain("Secret p");
        status.AgentReady.Should().BeFalse();
        status.Conditions.Should().HaveCount(3).And.OnlyContain(c => c.Status == ConditionStatus.False && c.Reason == ConditionReasons.WaitingForProviderSecret);
    }
}
