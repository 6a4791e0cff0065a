using LeBureau.Testing;

namespace LeBureau.Cli.Tests;

/// <summary>A fresh tenant per test class, made with the CLI itself: `keys create --create-namespace --capability all`.</summary>
public static class Tenants
{
    /// <summary>A user logged in (by LEBUREAU_URL and LEBUREAU_KEY) as a new tenant with every capability.</summary>
    public static async Task<CliUser> NewUserAsync(EmbeddedPlatform platform, string prefix)
    {
        var user = new CliUser(platform);
        var ns = $"{prefix}-{Guid.NewGuid().ToString("N")[..6]}";
        var issued = await user.RunAsync("keys", "create", "--namespace", ns, "--create-namespace", "--capability", "all", "--name", "admin");
        issued.ExitCode.Should().Be(0, issued.ToString());
        user.Namespace = ns;
        return user.With("LEBUREAU_URL", platform.Url).With("LEBUREAU_KEY", issued.Out.Trim());
    }
}
