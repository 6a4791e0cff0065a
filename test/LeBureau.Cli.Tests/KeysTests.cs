using LeBureau.ControlPlane;
using LeBureau.Testing;

namespace LeBureau.Cli.Tests;

/// <summary>`lebureau keys …` through the cluster of `lebureau up` (its kubeconfig), and the keys it prints used against the API.</summary>
[Collection(PlatformCollection.Name)]
public sealed class KeysTests(EmbeddedPlatform platform)
{
    [Fact]
    public async Task Keys_create_prints_a_key_once_and_the_key_works_with_exactly_its_capabilities()
    {
        using var admin = new CliUser(platform);
        var ns = $"cli-keys-{Guid.NewGuid().ToString("N")[..6]}";

        var issued = await admin.RunAsync("keys", "create", "--namespace", ns, "--create-namespace", "--capability", "desktop:read", "--name", "reader");

        issued.ExitCode.Should().Be(0, issued.ToString());
        var key = issued.Out.Trim();
        key.Should().MatchRegex("^sk_live_[0-9A-Za-z]{40,}$", "stdout is the key alone, for KEY=$(lebureau keys create …)");
        issued.Error.Should().Contain($"ApiKey {ns}/reader issued (desktop:read)").And.Contain("not shown again");
        using var reader = new CliUser().With("LEBUREAU_URL", platform.Url).With("LEBUREAU_KEY", key);
        var me = await reader.RunAsync("whoami", "-o", "json");
        me.ExitCode.Should().Be(0, me.ToString());
        me.Json.GetProperty("namespace").GetString().Should().Be(ns);
        me.Json.GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()).Should().Equal("desktop:read");
        (await reader.RunAsync("desktops", "list")).ExitCode.Should().Be(0);
        var create = await reader.RunAsync("desktops", "create", "nope", "--provider-key", "sk-ant-test");
        create.ExitCode.Should().Be(4, create.ToString());
        create.Error.Should().Contain("lacks the capability desktop:manage").And.Contain("lebureau keys create --capability desktop:manage");
    }

    [Fact]
    public async Task Keys_list_shows_prefix_capabilities_and_phase_but_never_the_key_and_revoke_stops_it()
    {
        using var admin = new CliUser(platform);
        var ns = $"cli-revoke-{Guid.NewGuid().ToString("N")[..6]}";
        var issued = await admin.RunAsync("keys", "create", "-n", ns, "--create-namespace", "-c", "desktop:read,desktop:control", "--name", "temp");
        issued.ExitCode.Should().Be(0, issued.ToString());
        var key = issued.Out.Trim();

        var list = await admin.RunAsync("keys", "list", "-n", ns, "-o", "json");
        list.ExitCode.Should().Be(0, list.ToString());
        list.Out.Should().NotContain(key);
        var item = list.Json.EnumerateArray().Single();
        item.GetProperty("name").GetString().Should().Be("temp");
        key.Should().StartWith(item.GetProperty("prefix").GetString());
        item.GetProperty("phase").GetString().Should().Be("Active");
        item.GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()).Should().Equal("desktop:read", "desktop:control");
        item.TryGetProperty("key", out _).Should().BeFalse();
        var all = await admin.RunAsync("keys", "list");
        all.Out.Should().MatchRegex($@"(?m)^{ns}\s+temp\s+sk_live_\w{{4}}…\s+desktop:read,desktop:control\s+Active\s+<none>\s+\d+[sm]$");

        var revoke = await admin.RunAsync("keys", "revoke", "temp", "-n", ns);

        revoke.ExitCode.Should().Be(0, revoke.ToString());
        using var holder = new CliUser().With("LEBUREAU_URL", platform.Url).With("LEBUREAU_KEY", key);
        (await WaitFor.ConditionAsync(async _ => (await holder.RunAsync("whoami")).ExitCode == 3, TimeSpan.FromSeconds(20)))
            .Should().BeTrue("a revoked key is refused");
        (await admin.RunAsync("keys", "list", "-n", ns, "-o", "json")).Json.EnumerateArray().Single().GetProperty("phase").GetString().Should().Be("Revoked");
    }

    [Fact]
    public async Task Expiry_and_rate_limit_are_set_and_json_output_carries_the_key_once()
    {
        using var admin = new CliUser(platform);
        var ns = $"cli-expiry-{Guid.NewGuid().ToString("N")[..6]}";

        var issued = await admin.RunAsync("keys", "create", "-n", ns, "--create-namespace", "-c", "all", "--expires", "2h", "--rate-limit", "5", "-o", "json");

        issued.ExitCode.Should().Be(0, issued.ToString());
        var json = issued.Json;
        json.GetProperty("rateLimitPerMinute").GetInt32().Should().Be(5);
        json.GetProperty("expiresAt").GetDateTimeOffset().Should().BeCloseTo(DateTimeOffset.UtcNow.AddHours(2), TimeSpan.FromMinutes(2));
        json.GetProperty("capabilities").GetArrayLength().Should().Be(7);
        using var holder = new CliUser().With("LEBUREAU_URL", platform.Url).With("LEBUREAU_KEY", json.GetProperty("key").GetString());
        (await holder.RunAsync("whoami")).ExitCode.Should().Be(0);
    }

    [Fact]
    public async Task Bad_input_is_named_with_the_fix()
    {
        using var admin = new CliUser(platform);

        var capability = await admin.RunAsync("keys", "create", "-n", "lebureau", "-c", "desktop:reed");
        var ns = await admin.RunAsync("keys", "create", "-n", "no-such-tenant", "-c", "desktop:read");
        var revoke = await admin.RunAsync("keys", "revoke", "no-such-key", "-n", "lebureau");
        var expires = await admin.RunAsync("keys", "create", "-n", "lebureau", "-c", "all", "--expires", "tomorrow");
        using var nobody = new CliUser();
        var noKubeconfig = await nobody.RunAsync("keys", "list");

        capability.ExitCode.Should().Be(2, capability.ToString());
        capability.Error.Should().Contain("unknown capability 'desktop:reed'").And.Contain("desktop:read");
        ns.ExitCode.Should().Be(5, ns.ToString());
        ns.Error.Should().Contain("namespace no-such-tenant does not exist").And.Contain("--create-namespace");
        revoke.ExitCode.Should().Be(5, revoke.ToString());
        expires.ExitCode.Should().Be(2, expires.ToString());
        expires.Error.Should().Contain("--expires 'tomorrow'");
        noKubeconfig.ExitCode.Should().Be(3, noKubeconfig.ToString());
        noKubeconfig.Error.Should().Contain("no kubeconfig").And.Contain("KUBECONFIG");
    }
}
