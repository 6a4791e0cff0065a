using System.Diagnostics;
using System.Text.Json;
using LeBureau.Testing;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using SkiaSharp;
using static LeBureau.ApiServer.Tests.Mcp.McpSessions;

namespace LeBureau.ApiServer.Tests.Mcp;

/// <summary><c>lebureau mcp</c>, the built program, on stdio: through the SDK's client and through the official inspector CLI.</summary>
public sealed partial class McpTests
{
    private static string Lebureau => RepoPaths.BuildOutput("cli/LeBureau.Cli", "lebureau.dll");

    private static string Inspector => RepoPaths.Of("test", "mcp-clients", "node_modules", "@modelcontextprotocol", "inspector-cli", "build", "index.js");

    // The inspector CLI 1.0.3 finds its own package.json relative to the working directory: run it from its folder.
    private static string InspectorFolder => Path.GetDirectoryName(Inspector)!;

    [Fact]
    public async Task Lebureau_mcp_on_stdio_lists_the_tools_of_its_key_and_drives_the_real_desktop()
    {
        var desktop = await shared.EnsureAsync(fixture);
        await using (var readOnly = await StdioAsync(fixture.AddressA, desktop.ReadOnlyKey))
        {
            (await readOnly.ListToolsAsync()).Select(t => t.Name).Should().BeEquivalentTo(ReadTools);
            var refused = await FluentActions.Awaiting(() => readOnly.CallToolAsync("desktop_exec", Args(("desktopId", desktop.DesktopId), ("command", "true"))).AsTask())
                .Should().ThrowAsync<ModelContextProtocol.McpProtocolException>();
            refused.Which.Message.Should().Contain("desktop:control");
        }

        await using var mcp = await StdioAsync(fixture.AddressB, desktop.FullKey);
        var image = (ImageContentBlock)(await mcp.CallToolAsync("desktop_screenshot", Args(("desktopId", desktop.DesktopId)))).Content.Single();
        using (var bitmap = SKBitmap.Decode(image.DecodedData.ToArray())) bitmap.Should().NotBeNull();
        var clicked = (await mcp.CallToolAsync("desktop_click", Args(("desktopId", desktop.DesktopId), ("x", 77), ("y", 66)))).Json();
        (clicked.GetProperty("x").GetInt32(), clicked.GetProperty("y").GetInt32()).Should().Be((77, 66));
        (await mcp.CallToolAsync("desktop_exec", Args(("desktopId", desktop.DesktopId), ("command", "sh -c 'exit 7'")))).Json()
            .GetProperty("exitCode").GetInt32().Should().Be(7);
    }

    [Fact]
    public async Task Lebureau_mcp_with_a_wrong_key_or_no_configuration_says_what_is_wrong_on_stderr_and_writes_nothing_on_stdout()
    {
        var wrong = await RunAsync("dotnet", [Lebureau, "mcp"], new() { ["LEBUREAU_URL"] = fixture.AddressA.ToString(), ["LEBUREAU_KEY"] = "sk_live_not-a-key" });
        wrong.Exit.Should().Be(3, "the CLI's exit code for a refused key");
        wrong.Stdout.Should().BeEmpty();
        wrong.Stderr.Should().Contain("401").And.Contain("unknown, expired or revoked").And.NotContain("   at ");

        var nowhere = Directory.CreateTempSubdirectory("lebureau-mcp-home-").FullName;
        var unconfigured = await RunAsync("dotnet", [Lebureau, "mcp"],
            new() { ["LEBUREAU_URL"] = "", ["LEBUREAU_KEY"] = "", ["HOME"] = nowhere, ["XDG_CONFIG_HOME"] = nowhere });
        unconfigured.Exit.Should().Be(3, "not logged in: no saved login and no LEBUREAU_URL/LEBUREAU_KEY");
        unconfigured.Stderr.Should().Contain("LEBUREAU_URL");

        var unreachable = await RunAsync("dotnet", [Lebureau, "mcp"], new() { ["LEBUREAU_URL"] = "http://127.0.0.1:1", ["LEBUREAU_KEY"] = "sk_live_x" });
        unreachable.Exit.Should().Be(7, "the CLI's exit code for an unreachable API");
        unreachable.Stderr.Should().Contain("cannot reach the API at http://127.0.0.1:1").And.NotContain("   at ");
    }

    [Fact]
    public async Task The_official_inspector_cli_lists_and_calls_the_tools_over_http_and_over_stdio()
    {
        var desktop = await shared.EnsureAsync(fixture);
        File.Exists(Inspector).Should().BeTrue("test/control-plane/provision.sh installs the inspector CLI (npm ci in test/mcp-clients)");
        var endpoint = new Uri(fixture.AddressA, "/mcp").ToString();

        var listed = await RunAsync("node", [Inspector, endpoint, "--transport", "http", "--header", $"Authorization: Bearer {desktop.ReadOnlyKey}", "--method", "tools/list"],
            workingDirectory: InspectorFolder);
        listed.Exit.Should().Be(0, listed.Stderr);
        JsonDocument.Parse(listed.Stdout).RootElement.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("name").GetString())
            .Should().BeEquivalentTo(ReadTools);

        var called = await RunAsync("node", [Inspector, endpoint, "--transport", "http", "--header", $"Authorization: Bearer {desktop.FullKey}",
            "--method", "tools/call", "--tool-name", "desktop_exec", "--tool-arg", $"desktopId={desktop.DesktopId}", "command=sh -c 'echo inspected; exit 4'"], workingDirectory: InspectorFolder);
        called.Exit.Should().Be(0, called.Stderr);
        var result = JsonDocument.Parse(called.Stdout).RootElement;
        var exec = JsonDocument.Parse(result.GetProperty("content")[0].GetProperty("text").GetString()!).RootElement;
        (exec.GetProperty("stdout").GetString(), exec.GetProperty("exitCode").GetInt32()).Should().Be(("inspected\n", 4));

        var overStdio = await RunAsync("node", [Inspector, "dotnet", Lebureau, "mcp", "--method", "tools/list"],
            new() { ["LEBUREAU_URL"] = fixture.AddressB.ToString(), ["LEBUREAU_KEY"] = desktop.FullKey }, InspectorFolder);
        overStdio.Exit.Should().Be(0, overStdio.Stderr);
        JsonDocument.Parse(overStdio.Stdout).RootElement.GetProperty("tools").GetArrayLength().Should().Be(LeBureau.Mcp.ToolCatalog.Capabilities.Count);
    }

    private static Task<McpClient> StdioAsync(Uri server, string key) =>
        McpClient.CreateAsync(new StdioClientTransport(new StdioClientTransportOptions
        {
            Command = "dotnet",
            Arguments = [Lebureau, "mcp"],
            EnvironmentVariables = new Dictionary<string, string?> { ["LEBUREAU_URL"] = server.ToString(), ["LEBUREAU_KEY"] = key },
        }));

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(string file, string[] arguments, Dictionary<string, string>? environment = null,
        string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, WorkingDirectory = workingDirectory ?? "",
        };
        foreach (var (name, value) in environment ?? []) info.Environment[name] = value;
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not exit within 60 s");
        }
        return (process.ExitCode, await stdout, await stderr);
    }
}
