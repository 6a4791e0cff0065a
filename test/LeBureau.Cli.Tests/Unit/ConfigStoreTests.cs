using LeBureau.Cli.Config;
using LeBureau.Cli.Hosting;
using LeBureau.Cli.Keys;

namespace LeBureau.Cli.Tests.Unit;

/// <summary>The saved login and the kubeconfig lookup, on the real file system.</summary>
public sealed class ConfigStoreTests
{
    [Fact]
    public async Task The_login_is_saved_under_XDG_CONFIG_HOME_readable_by_the_user_only_and_read_back()
    {
        using var user = new CliUser();
        var store = new ConfigStore(user.Environment);

        await store.SaveAsync(new SavedLogin("http://127.0.0.1:8080", "sk_live_secret"), CancellationToken.None);

        store.FilePath.Should().Be(user.ConfigFile);
        File.GetUnixFileMode(store.FilePath).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        (await store.LoadAsync(CancellationToken.None)).Should().Be(new SavedLogin("http://127.0.0.1:8080", "sk_live_secret"));
    }

    [Fact]
    public async Task Without_XDG_CONFIG_HOME_the_login_goes_to_dot_config_and_an_existing_file_is_made_private_again()
    {
        using var user = new CliUser();
        user.With("XDG_CONFIG_HOME", null);
        var store = new ConfigStore(user.Environment);
        Directory.CreateDirectory(Path.GetDirectoryName(store.FilePath)!);
        await File.WriteAllTextAsync(store.FilePath, "{}");
        File.SetUnixFileMode(store.FilePath, (UnixFileMode)0b110_100_100);

        await store.SaveAsync(new SavedLogin("http://h:1", "k"), CancellationToken.None);

        store.FilePath.Should().Be(Path.Combine(user.Home, ".config", "lebureau", "config.json"));
        File.GetUnixFileMode(store.FilePath).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    public void The_kubeconfig_is_the_flag_then_KUBECONFIG_then_home_then_the_cluster_of_up()
    {
        using var user = new CliUser();
        var up = Path.Combine(user.Home, ".lebureau", "cluster", "kubeconfig");
        Directory.CreateDirectory(Path.GetDirectoryName(up)!);
        File.WriteAllText(up, "");

        KubeconfigLocator.Locate(null, user.Environment).Should().Be(up);
        var home = Path.Combine(user.Home, ".kube", "config");
        Directory.CreateDirectory(Path.GetDirectoryName(home)!);
        File.WriteAllText(home, "");
        KubeconfigLocator.Locate(null, user.Environment).Should().Be(home);
        user.With("KUBECONFIG", up + ":" + home);
        KubeconfigLocator.Locate(null, user.Environment).Should().Be(up);
        var missing = () => KubeconfigLocator.Locate("nope.yaml", user.Environment);
        missing.Should().Throw<CliException>().Where(e => e.ExitCode == ExitCodes.Usage && e.Message.Contains("--kubeconfig"));
    }
}
