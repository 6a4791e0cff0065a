using LeBureau.Testing;

namespace LeBureau.Cli.Tests;

/// <summary>`lebureau login`, the saved login and the environment overrides, against `lebureau up`.</summary>
[Collection(PlatformCollection.Name)]
public sealed class LoginTests(EmbeddedPlatform platform)
{
    [Fact]
    public async Task Login_checks_the_key_saves_it_readable_by_the_user_only_and_later_commands_use_it()
    {
        using var user = new CliUser();

        var login = await user.RunAsync("login", "--url", platform.Url, "--key", platform.Key);

        login.ExitCode.Should().Be(0, login.ToString());
        login.Out.Should().Contain("namespace lebureau").And.Contain("desktop:control").And.NotContain(platform.Key);
        File.GetUnixFileMode(user.ConfigFile).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.GetUnixFileMode(Path.GetDirectoryName(user.ConfigFile)!).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var whoami = await user.RunAsync("whoami", "-o", "json");
        whoami.ExitCode.Should().Be(0, whoami.ToString());
        whoami.Json.GetProperty("namespace").GetString().Should().Be("lebureau");
    }

    [Fact]
    public async Task Login_with_a_wrong_key_says_it_was_refused_and_how_to_fix_it_and_saves_nothing()
    {
        using var user = new CliUser();

        var login = await user.RunAsync("login", "--url", platform.Url, "--key", "sk_live_wrong");

        login.ExitCode.Should().Be(3, login.ToString());
        login.Error.Should().Contain("refused the key").And.Contain("lebureau login --url").And.NotContain("   at ");
        File.Exists(user.ConfigFile).Should().BeFalse();
    }

    [Fact]
    public async Task Login_to_a_closed_port_says_the_API_cannot_be_reached()
    {
        using var user = new CliUser();
        var closed = $"http://127.0.0.1:{LeBureau.ControlPlane.FreePort.Next()}";

        var login = await user.RunAsync("login", "--url", closed, "--key", platform.Key);

        login.ExitCode.Should().Be(7, login.ToString());
        login.Error.Should().Contain($"cannot reach the API at {closed}").And.Contain("lebureau up").And.NotContain("   at ");
    }

    [Fact]
    public async Task Login_to_a_server_that_is_not_the_API_says_to_check_the_URL()
    {
        using var user = new CliUser();

        var login = await user.RunAsync("login", "--url", platform.Url + "/docs", "--key", platform.Key);

        login.ExitCode.Should().Be(7, login.ToString());
        login.Error.Should().Contain("does not answer like a Le Bureau API").And.Contain("Check the URL");
    }

    [Fact]
    public async Task A_URL_without_a_scheme_is_a_usage_error_that_shows_an_example()
    {
        using var user = new CliUser();

        var login = await user.RunAsync("login", "--url", "127.0.0.1:8080", "--key", platform.Key);

        login.ExitCode.Should().Be(2, login.ToString());
        login.Error.Should().Contain("e.g. http://127.0.0.1:8080");
    }

    [Fact]
    public async Task Without_a_login_a_command_says_how_to_log_in()
    {
        using var user = new CliUser();

        var list = await user.RunAsync("desktops", "list");

        list.ExitCode.Should().Be(3, list.ToString());
        list.Error.Should().Contain("not logged in").And.Contain("lebureau login --url").And.Contain("LEBUREAU_KEY");
    }

    [Fact]
    public async Task LEBUREAU_KEY_overrides_the_saved_login_and_a_bad_one_is_named()
    {
        using var user = new CliUser();
        (await user.RunAsync("login", "--url", platform.Url, "--key", platform.Key)).ExitCode.Should().Be(0);

        var whoami = await user.With("LEBUREAU_KEY", "sk_live_revoked").RunAsync("whoami");

        whoami.ExitCode.Should().Be(3, whoami.ToString());
        whoami.Error.Should().Contain("refused the key from LEBUREAU_KEY");
    }
}
