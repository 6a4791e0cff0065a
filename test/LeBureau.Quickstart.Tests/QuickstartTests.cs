using LeBureau.Testing;

namespace LeBureau.Quickstart.Tests;

/// <summary>The README's quickstart, run word for word against `lebureau up`.</summary>
public sealed class QuickstartTests(EmbeddedPlatform platform) : IClassFixture<EmbeddedPlatform>
{
    [Fact]
    public async Task The_api_quickstart_creates_drives_streams_stops_and_deletes_a_desktop()
    {
        var (exit, output) = await platform.RunAsync(ReadmeBlocks.Get("quickstart-api"), TimeSpan.FromMinutes(3));

        exit.Should().Be(0, output + "\n--- lebureau up ---\n" + platform.Output);
        output.Should().MatchRegex(@"desktop [0-9a-f-]{36}");
        output.Should().MatchRegex(@"screenshot: [1-9][0-9]{3,} bytes");
        output.Should().MatchRegex(@"watch it live in a browser: http://127\.0\.0\.1:[0-9]+/v1/desktop/[0-9a-f-]{36}/stream\?ticket=[A-Za-z0-9_-]{40,}");
        output.Should().Contain("\"type\":\"desktop.status\"", "the event stream shows the stop");
        output.Should().Contain("\"status\":\"stopped\"");
        output.TrimEnd().Should().EndWith("204");
    }

    [Fact]
    public async Task The_kubectl_quickstart_runs_a_desktop_as_a_resource()
    {
        var (exit, output) = await platform.RunAsync(ReadmeBlocks.Get("quickstart-kubectl"), TimeSpan.FromMinutes(3));

        exit.Should().Be(0, output + "\n--- lebureau up ---\n" + platform.Output);
        output.Should().Contain("desktop.lebureau.io/kubectl-desk created");
        output.Should().MatchRegex(@"kubectl-desk\s+free\s+Running\s+true\s+true");
        output.Should().MatchRegex("desktop.lebureau.io[/ ]\"?kubectl-desk\"? deleted");
    }

    [Fact]
    public async Task A_second_up_on_a_busy_port_names_the_port_and_the_flag()
    {
        var (exit, output) = await platform.RunAsync(
            $"dotnet {LeBureau.Testing.RepoPaths.BuildOutput("cli/LeBureau.Cli", "lebureau.dll")} up " +
            $"--state-dir {platform.StateDirectory}-second --port {platform.ApiPort}", TimeSpan.FromMinutes(1));

        exit.Should().Be(2, output);
        output.Should().Contain($"port {platform.ApiPort} (the API) is already in use").And.Contain("--port");
    }
}
