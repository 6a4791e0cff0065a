using k8s.Models;
using LeBureau.Operator.Desktops;
using LeBureau.Resources;

namespace LeBureau.Operator.Tests.Unit;

public sealed class PolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static Desktop Running(string idle = "30m", bool keepAlive = false, DateTimeOffset? startedAt = null, DateTimeOffset? activity = null) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "d",
            Annotations = activity is null ? null : new Dictionary<string, string> { [Annotations.LastActivity] = activity.Value.ToString("O") },
        },
        Spec = new Desktop.DesktopSpec { IdleTimeout = idle, KeepAlive = keepAlive },
        Status = new Desktop.DesktopStatus { Phase = DesktopPhase.Running, StartedAt = startedAt ?? Now.AddMinutes(-10) },
    };

    [Fact]
    public void Idle_desktop_is_stopped_once_the_timeout_has_passed_since_it_started()
    {
        IdlePolicy.Evaluate(Running("10m"), Now).Should().Be(new IdleDecision(true, null));
        IdlePolicy.Evaluate(Running("15m"), Now).Should().Be(new IdleDecision(false, TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void Recent_activity_pushes_the_deadline()
    {
        IdlePolicy.Evaluate(Running("10m", activity: Now.AddMinutes(-1)), Now).Should().Be(new IdleDecision(false, TimeSpan.FromMinutes(9)));
    }

    [Fact]
    public void Activity_older_than_the_start_does_not_count()
    {
        IdlePolicy.Evaluate(Running("10m", startedAt: Now.AddMinutes(-2), activity: Now.AddHours(-1)), Now).CheckAfter.Should().Be(TimeSpan.FromMinutes(8));
    }

    [Fact]
    public void KeepAlive_never_idles()
    {
        IdlePolicy.Evaluate(Running("1s", keepAlive: true), Now).Should().Be(IdleDecision.None);
    }

    [Fact]
    public void A_stopped_or_booting_desktop_has_no_idle_deadline()
    {
        var stopped = Running("1s");
        stopped.Spec.Running = false;
        IdlePolicy.Evaluate(stopped, Now).Should().Be(IdleDecision.None);
        var booting = Running("1s");
        booting.Status.Phase = DesktopPhase.Booting;
        IdlePolicy.Evaluate(booting, Now).Should().Be(IdleDecision.None);
    }

    [Fact]
    public void A_malformed_activity_annotation_is_ignored()
    {
        var d = Running("10m");
        d.Metadata.Annotations = new Dictionary<string, string> { [Annotations.LastActivity] = "yesterday" };
        IdlePolicy.Evaluate(d, Now).Stop.Should().BeTrue();
    }

    [Fact]
    public void Expiry_is_exact()
    {
        var d = Running();
        ExpiryPolicy.Remaining(d, Now).Should().BeNull();
        d.Spec.ExpiresAt = Now.AddSeconds(3);
        ExpiryPolicy.Remaining(d, Now).Should().Be(TimeSpan.FromSeconds(3));
        ExpiryPolicy.IsExpired(d, Now).Should().BeFalse();
        ExpiryPolicy.IsExpired(d, Now.AddSeconds(3)).Should().BeTrue();
    }
}
