using System.Text.Json.Nodes;
using k8s.Models;
using LeBureau.Events;
using LeBureau.Operator.Events;
using LeBureau.Resources;

namespace LeBureau.Events.Tests;

public sealed class DesktopEventRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static Desktop Desk(DesktopPhase? phase, bool agentReady = false, DateTimeOffset? startedAt = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = "d1", NamespaceProperty = "alice", Uid = "uid-1" },
        Spec = new Desktop.DesktopSpec { DisplayName = "My agent" },
        Status = new Desktop.DesktopStatus { Phase = phase, AgentReady = agentReady, StartedAt = startedAt, IpAddress = "10.0.3.42" },
    };

    [Fact]
    public void A_phase_change_emits_desktop_status_with_the_seed_payload()
    {
        var events = DesktopEventRules.Changes(Desk(DesktopPhase.Pending), Desk(DesktopPhase.Booting), Now).ToList();

        events.Should().ContainSingle();
        var e = events[0];
        e.Type.Should().Be(EventTypes.DesktopStatus);
        e.Tenant.Should().Be("alice");
        var payload = JsonNode.Parse(e.Payload)!.AsObject();
        payload["id"]!.GetValue<string>().Should().Be("uid-1");
        payload["name"]!.GetValue<string>().Should().Be("My agent");
        payload["status"]!.GetValue<string>().Should().Be("booting");
        payload["ipAddress"]!.GetValue<string>().Should().Be("10.0.3.42");
        payload.Should().ContainKeys("cpu", "memory");
    }

    [Fact]
    public void An_unchanged_phase_emits_nothing()
    {
        DesktopEventRules.Changes(Desk(DesktopPhase.Running, true, Now), Desk(DesktopPhase.Running, true, Now), Now)
            .Should().BeEmpty();
    }

    [Theory]
    [InlineData(DesktopPhase.Running, EventTypes.DesktopStarted)]
    [InlineData(DesktopPhase.Stopped, EventTypes.DesktopStopped)]
    [InlineData(DesktopPhase.Error, EventTypes.DesktopError)]
    public void Lifecycle_phases_also_emit_an_activity_event(DesktopPhase phase, string type)
    {
        var events = DesktopEventRules.Changes(Desk(DesktopPhase.Booting), Desk(phase, startedAt: Now), Now).ToList();

        events.Select(e => e.Type).Should().Equal(EventTypes.DesktopStatus, type);
        JsonNode.Parse(events[1].Payload)!["desktopId"]!.GetValue<string>().Should().Be("uid-1");
    }

    [Fact]
    public void Agent_ready_turning_true_emits_desktop_agent_ready_once_per_boot()
    {
        var boot = Now.AddMinutes(-1);
        var ready = DesktopEventRules.Changes(Desk(DesktopPhase.Running, false, boot), Desk(DesktopPhase.Running, true, boot), Now).ToList();
        ready.Should().ContainSingle(e => e.Type == EventTypes.DesktopAgentReady);

        var again = DesktopEventRules.Changes(null, Desk(DesktopPhase.Running, true, boot), Now)
            .Single(e => e.Type == EventTypes.DesktopAgentReady);
        again.DedupKey.Should().Be(ready[0].DedupKey);
        again.DedupValue.Should().Be(ready[0].DedupValue, "a new leader replaying the cache must hit the same dedup state");

        var nextBoot = DesktopEventRules.Changes(Desk(DesktopPhase.Running, false, Now), Desk(DesktopPhase.Running, true, Now), Now)
            .Single();
        nextBoot.DedupValue.Should().NotBe(ready[0].DedupValue);
    }

    [Fact]
    public void A_deleted_desktop_emits_destroyed()
    {
        var e = DesktopEventRules.Changes(Desk(DesktopPhase.Destroying), null, Now).Single();
        JsonNode.Parse(e.Payload)!["status"]!.GetValue<string>().Should().Be("destroyed");
    }
}
