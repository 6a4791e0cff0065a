using System.Text.Json;
using k8s.Models;
using LeBureau.ApiServer.Activity;
using LeBureau.ApiServer.Auth;
using LeBureau.ApiServer.Cyberdesk;
using LeBureau.ApiServer.Desktops;
using LeBureau.ApiServer.RateLimiting;
using LeBureau.Operator.ApiKeys;
using LeBureau.Resources;
using Microsoft.AspNetCore.Http;

namespace LeBureau.ApiServer.Tests.Unit;

public sealed class DecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 15, 10, 0, 30, TimeSpan.Zero);

    private static ApiKey Key(Action<ApiKey>? change = null)
    {
        var key = new ApiKey
        {
            Metadata = new V1ObjectMeta { Name = "k", NamespaceProperty = "alice", Uid = "u1" },
            Spec = new ApiKey.ApiKeySpec { Capabilities = [Capability.DesktopRead] },
            Status = new ApiKey.ApiKeyStatus { Phase = ApiKeyPhase.Active, Hash = new string('a', 64), Prefix = "sk_live_abcd" },
        };
        change?.Invoke(key);
        return key;
    }

    [Fact]
    public void An_active_key_authenticates_as_its_namespace()
    {
        var caller = ApiKeyCheck.Evaluate(Key(), Now)!;
        caller.Namespace.Should().Be("alice");
        caller.Capabilities.Should().BeEquivalentTo([Capability.DesktopRead]);
    }

    [Fact]
    public void Revoked_expired_deleted_unissued_and_unknown_keys_do_not_authenticate()
    {
        ApiKeyCheck.Evaluate(null, Now).Should().BeNull();
        ApiKeyCheck.Evaluate(Key(k => k.Spec.Revoked = true), Now).Should().BeNull();
        ApiKeyCheck.Evaluate(Key(k => k.Status.Phase = ApiKeyPhase.Revoked), Now).Should().BeNull();
        ApiKeyCheck.Evaluate(Key(k => k.Spec.ExpiresAt = Now), Now).Should().BeNull("expiry is inclusive");
        ApiKeyCheck.Evaluate(Key(k => k.Spec.ExpiresAt = Now.AddSeconds(1)), Now).Should().NotBeNull();
        ApiKeyCheck.Evaluate(Key(k => k.Metadata.DeletionTimestamp = DateTime.UtcNow), Now).Should().BeNull();
        ApiKeyCheck.Evaluate(Key(k => k.Status.Hash = null), Now).Should().BeNull();
    }

    [Fact]
    public void Capability_names_are_the_wire_names()
    {
        CapabilityPolicy.Names([Capability.TasksWrite, Capability.DesktopRead]).Should().Equal("desktop:read", "tasks:write");
        CapabilityPolicy.Allows(new HashSet<Capability> { Capability.DesktopRead }, Capability.DesktopControl).Should().BeFalse();
    }

    [Theory]
    [InlineData("Bearer sk_live_x", null, null, false, "sk_live_x")]
    [InlineData(null, "sk_live_y", null, false, "sk_live_y")]
    [InlineData(null, null, "sk_live_z", false, null)]
    [InlineData(null, null, "sk_live_z", true, "sk_live_z")]
    [InlineData("Basic abc", null, null, false, null)]
    public void Credentials_come_from_bearer_header_or_sse_query(string? authorization, string? header, string? query, bool allowQuery, string? expected)
    {
        var context = new DefaultHttpContext();
        if (authorization is not null) context.Request.Headers.Authorization = authorization;
        if (header is not null) context.Request.Headers["x-api-key"] = header;
        if (query is not null) context.Request.QueryString = new QueryString($"?apiKey={query}");
        CredentialReader.Read(context.Request, allowQuery).Should().Be(expected);
    }

    [Fact]
    public void Rate_limit_admits_up_to_the_limit_and_names_when_a_slot_frees()
    {
        RateLimitDecision.Decide(true, 60, Now.AddSeconds(-10), 60, Now).Should().Be(new RateLimitVerdict(true, 60, 0, 0));
        var refused = RateLimitDecision.Decide(false, 60, Now.AddSeconds(-10), 60, Now);
        refused.Allowed.Should().BeFalse();
        refused.RetryAfterSeconds.Should().Be(50);
        RateLimitDecision.Decide(false, 60, Now.AddSeconds(-59.9), 60, Now).RetryAfterSeconds.Should().Be(1, "never less than a second");
        RateLimitDecision.LimitFor(null, 60).Should().Be(60);
        RateLimitDecision.LimitFor(5, 60).Should().Be(5);
    }

    [Theory]
    [InlineData(null, false, false, true, "pending", "pending")]
    [InlineData(DesktopPhase.Booting, false, false, true, "booting", "pending")]
    [InlineData(DesktopPhase.Running, true, false, true, "running", "running")]
    [InlineData(DesktopPhase.Running, false, false, true, "running", "pending")]
    [InlineData(DesktopPhase.Running, true, false, false, "stopping", "terminated")]
    [InlineData(DesktopPhase.Stopped, false, false, false, "stopped", "terminated")]
    [InlineData(DesktopPhase.Error, false, false, true, "error", "error")]
    [InlineData(DesktopPhase.Running, true, true, true, "destroying", "terminated")]
    public void Status_maps_per_surface(DesktopPhase? phase, bool agentReady, bool deleting, bool running, string leBureau, string cyberdesk)
    {
        var desktop = new Desktop
        {
            Spec = new Desktop.DesktopSpec { Running = running },
            Status = new Desktop.DesktopStatus { Phase = phase, AgentReady = agentReady, AgentEndpoint = agentReady ? "http://127.0.0.1:1" : null },
        };
        if (deleting) desktop.Metadata.DeletionTimestamp = DateTime.UtcNow;
        DesktopStatusMapping.LeBureau(desktop).Should().Be(leBureau);
        DesktopStatusMapping.Cyberdesk(desktop).Should().Be(cyberdesk, "Cyberdesk's running means actionable");
    }

    [Fact]
    public void A_desktop_is_not_controllable_once_a_stop_or_a_restart_is_accepted()
    {
        Desktop Ready(Action<Desktop.DesktopSpec> spec)
        {
            var desktop = new Desktop
            {
                Spec = new Desktop.DesktopSpec { Running = true },
                Status = new Desktop.DesktopStatus { Phase = DesktopPhase.Running, AgentReady = true, AgentEndpoint = "http://127.0.0.1:1" },
            };
            spec(desktop.Spec);
            return desktop;
        }
        DesktopStatusMapping.IsControllable(Ready(_ => { })).Should().BeTrue();
        DesktopStatusMapping.IsControllable(Ready(s => s.Running = false)).Should().BeFalse("a stop was accepted");
        var restarting = Ready(s => s.RestartedAt = Now);
        DesktopStatusMapping.IsControllable(restarting).Should().BeFalse("a restart was accepted");
        DesktopStatusMapping.LeBureau(restarting).Should().Be("booting");
        restarting.Status.ObservedRestartedAt = Now;
        DesktopStatusMapping.IsControllable(restarting).Should().BeTrue("the operator carried the restart out and the agent is ready again");
        DesktopStatusMapping.NotActionable(Ready(s => s.Running = false)).Should().Be("The desktop is not running (status terminated).");
    }

    [Fact]
    public void Lifecycle_conflicts()
    {
        var running = new Desktop { Spec = new Desktop.DesktopSpec { Running = true } };
        var stopped = new Desktop { Spec = new Desktop.DesktopSpec { Running = false }, Status = new Desktop.DesktopStatus { Phase = DesktopPhase.Stopped } };
        LifecycleDecision.StartConflict(running).Should().NotBeNull();
        LifecycleDecision.StartConflict(stopped).Should().BeNull();
        LifecycleDecision.StopConflict(stopped).Should().Contain("stopped");
        LifecycleDecision.StopConflict(running).Should().BeNull();
        LifecycleDecision.RestartConflict(stopped).Should().BeNull();
        var errored = new Desktop { Spec = new Desktop.DesktopSpec { Running = true }, Status = new Desktop.DesktopStatus { Phase = DesktopPhase.Error } };
        LifecycleDecision.StartConflict(errored).Should().BeNull("start recovers an errored desktop");
        LifecycleDecision.StartsAfresh(errored).Should().BeTrue();
        LifecycleDecision.StartsAfresh(stopped).Should().BeFalse();
    }

    [Fact]
    public void Activity_is_coalesced_to_a_tenth_of_the_idle_timeout_or_30_seconds()
    {
        ActivityCoalescing.IntervalFor("30m").Should().Be(TimeSpan.FromMinutes(3));
        ActivityCoalescing.IntervalFor(null).Should().Be(TimeSpan.FromSeconds(30));
        ActivityCoalescing.ShouldRecord(null, "30m", Now).Should().BeTrue();
        ActivityCoalescing.ShouldRecord(Now.AddMinutes(-2), "30m", Now).Should().BeFalse();
        ActivityCoalescing.ShouldRecord(Now.AddMinutes(-3), "30m", Now).Should().BeTrue();
        ActivityCoalescing.Parse(ActivityCoalescing.Format(Now)).Should().Be(Now);
    }

    [Fact]
    public void Computer_actions_map_to_agent_calls()
    {
        ComputerActionPlan.For(new MoveMouseAction { X = 1, Y = 2 }).Path.Should().Be("input/move");
        ComputerActionPlan.For(new ClickMouseAction { X = 1, Y = 2, NumOfClicks = 0 }).Path.Should().Be("input/move", "zero clicks only moves");
        ComputerActionPlan.For(new ClickMouseAction { NumOfClicks = 0 }).Path.Should().Be("input/wait", "zero clicks and no coordinates press nothing");
        ComputerActionPlan.For(new ClickMouseAction()).Path.Should().Be("input/click");
        ComputerActionPlan.For(new ScreenshotAction()).Answer.Should().Be(ActionAnswer.Screenshot);
        ComputerActionPlan.For(new GetCursorPositionAction()).Answer.Should().Be(ActionAnswer.Cursor);
        ComputerActionPlan.For(new ComputerAction()).Error.Should().Contain("type");
        ComputerActionPlan.For(new ScrollAction { Direction = CyberdeskDirection.Up }).Error.Should().Contain("amount");
        ComputerActionPlan.Keys(JsonSerializer.Deserialize<JsonElement>("[\"ctrl\",\"shift\",\"t\"]")).Should().Be("ctrl+shift+t");
        ComputerActionPlan.Keys(JsonSerializer.Deserialize<JsonElement>("[\"ctrl\",3]")).Should().BeNull();
    }

    [Fact]
    public void Generated_keys_are_base62_with_256_bits_and_hash_like_the_api_server()
    {
        var key = ApiKeyMaterial.Generate();
        key.Should().StartWith("sk_live_");
        key.Length.Should().BeGreaterThanOrEqualTo(8 + 43);
        key[8..].Should().MatchRegex("^[0-9A-Za-z]+$");
        ApiKeyMaterial.Hash(key).Should().Be(ApiKeyHash.Of(key));
        ApiKeyMaterial.Prefix(key).Should().Be(key[..12]);
        ApiKeyMaterial.Base62([0, 0, 1]).Should().Be("001");
        ApiKeyMaterial.Base62([0, 62]).Should().Be("010");
        // About one 256-bit number in 60 has 42 base62 digits: keys are padded, so every one is 8 + 43 long (this failed
        // CI now and then when a short one came up).
        Enumerable.Range(0, 2000).Select(_ => ApiKeyMaterial.Generate().Length).Distinct().Should().Equal(8 + ApiKeyMaterial.Digits);
    }

    [Fact]
    public void ApiKey_status_follows_revocation_and_expiry()
    {
        var key = Key(k => k.Spec.ExpiresAt = Now.AddMinutes(5));
        var active = ApiKeyStatusCalculator.Compute(key, "h", "p", "s", Now);
        active.Phase.Should().Be(ApiKeyPhase.Active);
        active.Conditions.Should().ContainSingle(c => c.Status == ConditionStatus.True && c.Reason == ConditionReasons.KeyIssued);
        ApiKeyStatusCalculator.RequeueAfter(key, Now).Should().BeCloseTo(TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(1));
        ApiKeyStatusCalculator.PhaseAt(key, Now.AddMinutes(5)).Should().Be(ApiKeyPhase.Expired);
        ApiKeyStatusCalculator.Compute(Key(k => k.Spec.Revoked = true), "h", "p", "s", Now).Phase.Should().Be(ApiKeyPhase.Revoked);
        ApiKeyStatusCalculator.RequeueAfter(Key(k => k.Spec.Revoked = true), Now).Should().BeNull();
    }
}
