using System.Text.Json;
using LeBureau.ControlPlane;
using LeBureau.Testing;
using YamlDotNet.Serialization;

namespace LeBureau.Cli.Tests;

/// <summary>`lebureau desktops …` against `lebureau up`: real desktops of the local runtime (Xvfb, openbox, the agent).</summary>
[Collection(PlatformCollection.Name)]
public sealed class DesktopsTests(EmbeddedPlatform platform)
{
    [Fact]
    public async Task A_desktop_is_created_and_waited_for_listed_driven_stopped_started_and_deleted()
    {
        using var user = await Tenants.NewUserAsync(platform, "cli-desk");

        var created = await user.RunAsync("desktops", "create", "cli-desk", "--provider-key", "sk-ant-test", "--wait", "-o", "json");
        created.ExitCode.Should().Be(0, created.ToString() + platform.Output);
        created.Json.GetProperty("status").GetString().Should().Be("running");
        created.Json.GetProperty("agentReady").GetBoolean().Should().BeTrue();
        created.Error.Should().Contain("waiting until its agent is ready").And.Contain("ready");
        var id = created.Json.GetProperty("id").GetString()!;

        var list = await user.RunAsync("desktops", "list", "-o", "json");
        list.ExitCode.Should().Be(0, list.ToString());
        list.Json.EnumerateArray().Select(d => d.GetProperty("id").GetString()).Should().Equal(id);
        var table = await user.RunAsync("desktops", "list");
        table.Out.Should().MatchRegex($@"(?m)^ID\s+NAME\s+TIER\s+STATUS\s+AGENT\s+IP\s+AGE\n{id}\s+cli-desk\s+free\s+running\s+ready\s+127\.");

        var byName = await user.RunAsync("desktops", "get", "cli-desk", "-o", "yaml");
        byName.ExitCode.Should().Be(0, byName.ToString());
        var yaml = new DeserializerBuilder().Build().Deserialize<Dictionary<string, object>>(byName.Out);
        yaml["id"].Should().Be(id);
        yaml["agentReady"].Should().Be("true");

        var exec = await user.RunAsync("desktops", "exec", id, "--", "bash", "-c", "echo out; echo err >&2; exit 3");
        exec.ExitCode.Should().Be(3, exec.ToString());
        exec.Out.Should().Be("out\n");
        exec.Error.Should().Be("err\n");
        var pipeline = await user.RunAsync("desktops", "exec", "cli-desk", "--", "echo a | tr a b");
        pipeline.ExitCode.Should().Be(0, pipeline.ToString());
        pipeline.Out.Should().Be("b\n");

        var png = Path.Combine(user.Home, "screen.png");
        var shot = await user.RunAsync("desktops", "screenshot", id, "-o", png);
        shot.ExitCode.Should().Be(0, shot.ToString());
        (await File.ReadAllBytesAsync(png)).Take(8).Should().Equal(0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A);

        var stop = await user.RunAsync("desktops", "stop", id, "--wait");
        stop.ExitCode.Should().Be(0, stop.ToString());
        stop.Out.Should().MatchRegex($@"{id}\s+cli-desk\s+free\s+stopped");
        var again = await user.RunAsync("desktops", "stop", id);
        again.ExitCode.Should().Be(6, again.ToString());
        var onStopped = await user.RunAsync("desktops", "exec", id, "--", "true");
        onStopped.ExitCode.Should().Be(6, onStopped.ToString());
        onStopped.Error.Should().Contain("503").And.Contain("stopped");

        var start = await user.RunAsync("desktops", "start", id, "--wait", "-o", "json");
        start.ExitCode.Should().Be(0, start.ToString());
        start.Json.GetProperty("agentReady").GetBoolean().Should().BeTrue();

        var delete = await user.RunAsync("desktops", "delete", id);
        delete.ExitCode.Should().Be(0, delete.ToString());
        delete.Out.Should().Be($"desktop {id} deleted\n");
        (await WaitFor.ConditionAsync(async _ => (await user.RunAsync("desktops", "get", id)).ExitCode == 5, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(1)))
            .Should().BeTrue("a deleted desktop is gone (404 → exit 5)");
    }

    [Fact]
    public async Task Watch_prints_a_desktops_events_as_they_happen_until_cancelled()
    {
        using var user = await Tenants.NewUserAsync(platform, "cli-watch");
        var created = await user.RunAsync("desktops", "create", "watched", "--provider-key", "sk-ant-test", "-o", "json");
        created.ExitCode.Should().Be(0, created.ToString());
        var id = created.Json.GetProperty("id").GetString()!;

        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var output = new SharedWriter();
        var watch = user.RunAsync(["desktops", "watch", id], stop.Token, output);
        var seen = await WaitFor.ConditionAsync(_ => Task.FromResult(output.ToString().Contains("desktop.agentReady")), TimeSpan.FromSeconds(120));
        if (seen)
        {
            var stopped = await user.RunAsync("desktops", "stop", id);
            stopped.ExitCode.Should().Be(0, stopped.ToString());
            seen = await WaitFor.ConditionAsync(_ => Task.FromResult(output.ToString().Contains("stopped")), TimeSpan.FromSeconds(60));
        }
        await stop.CancelAsync();
        var result = await watch;

        seen.Should().BeTrue(output.ToString());
        result.ExitCode.Should().Be(0, result.ToString());
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().OnlyContain(l => l.Contains(id), "the watch was for this desktop only");
        lines.Should().Contain(l => l.Contains("desktop.status") && l.Contains("watched") && l.Contains("stopped"));
        (await user.RunAsync("desktops", "delete", id)).ExitCode.Should().Be(0);
    }

    [Fact]
    public async Task An_unknown_desktop_is_not_found_by_id_or_by_name()
    {
        using var user = await Tenants.NewUserAsync(platform, "cli-missing");

        var byId = await user.RunAsync("desktops", "get", Guid.NewGuid().ToString());
        var byName = await user.RunAsync("desktops", "exec", "no-such-desk", "--", "true");

        byId.ExitCode.Should().Be(5, byId.ToString());
        byName.ExitCode.Should().Be(5, byName.ToString());
        byName.Error.Should().Contain("no desktop has the id or name 'no-such-desk'");
    }

    [Fact]
    public async Task Another_tenants_desktop_is_forbidden_and_not_listed()
    {
        using var owner = await Tenants.NewUserAsync(platform, "cli-owner");
        using var other = await Tenants.NewUserAsync(platform, "cli-other");
        var created = await owner.RunAsync("desktops", "create", "private", "--provider-key", "sk-ant-test", "-o", "json");
        created.ExitCode.Should().Be(0, created.ToString());
        var id = created.Json.GetProperty("id").GetString()!;

        var get = await other.RunAsync("desktops", "stop", id);
        var list = await other.RunAsync("desktops", "list", "-o", "json");

        get.ExitCode.Should().Be(4, get.ToString());
        list.Json.EnumerateArray().Should().BeEmpty();
        (await owner.RunAsync("desktops", "delete", id)).ExitCode.Should().Be(0);
    }

    [Fact]
    public async Task Create_without_a_provider_key_says_which_option_or_variable_gives_it()
    {
        using var user = await Tenants.NewUserAsync(platform, "cli-noprov");

        var created = await user.RunAsync("desktops", "create", "desk");

        created.ExitCode.Should().Be(2, created.ToString());
        created.Error.Should().Contain("--provider-key").And.Contain("LEBUREAU_PROVIDER_KEY");
        var list = await user.RunAsync("desktops", "list", "-o", "json");
        list.Json.ValueKind.Should().Be(JsonValueKind.Array);
        list.Json.EnumerateArray().Should().BeEmpty();
    }
}
