using System.Diagnostics;
using LeBureau.ControlPlane;
using LeBureau.Testing;

namespace LeBureau.Cli.Tests;

/// <summary>`lebureau` as a real program: the built one, the `./lebureau` script, and the .NET tool package.</summary>
[Collection(PlatformCollection.Name)]
public sealed class ProgramTests(EmbeddedPlatform platform)
{
    private static readonly string BuiltProgram = RepoPaths.BuildOutput("cli/LeBureau.Cli", "lebureau.dll");

    [Fact]
    public async Task The_built_program_lists_desktops_as_json_and_reports_a_closed_port_on_one_stderr_line()
    {
        var home = Directory.CreateTempSubdirectory("lebureau-prog-").FullName;
        var env = new Dictionary<string, string> { ["HOME"] = home, ["LEBUREAU_URL"] = platform.Url, ["LEBUREAU_KEY"] = platform.Key };

        var list = await RunAsync("dotnet", [BuiltProgram, "desktops", "list", "-o", "json"], env, TimeSpan.FromSeconds(60));
        env["LEBUREAU_URL"] = $"http://127.0.0.1:{FreePort.Next()}";
        var closed = await RunAsync("dotnet", [BuiltProgram, "desktops", "list"], env, TimeSpan.FromSeconds(60));

        list.ExitCode.Should().Be(0, list.ToString());
        list.Json.ValueKind.Should().Be(System.Text.Json.JsonValueKind.Array);
        closed.ExitCode.Should().Be(7, closed.ToString());
        closed.Out.Should().BeEmpty();
        closed.Error.Trim().Split('\n').Should().ContainSingle().Which.Should().StartWith("lebureau: cannot reach the API at");
    }

    [Fact]
    public async Task The_script_prints_help_at_once_without_building_or_provisioning()
    {
        // The script runs the Release build; with a Debug test run it would (rightly) build it first.
        if (RepoPaths.Configuration != "Release") return;
        var clock = Stopwatch.StartNew();

        var help = await RunAsync(RepoPaths.Of("lebureau"), ["--help"], new Dictionary<string, string>(), TimeSpan.FromSeconds(30));

        help.ExitCode.Should().Be(0, help.ToString());
        help.Out.Should().Contain("Usage:").And.Contain("desktops").And.Contain("keys").And.Contain("Exit codes:");
        help.Error.Should().NotContain("building").And.NotContain("provisioning");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task Every_command_has_help()
    {
        using var user = new CliUser();
        string[][] commands =
        [
            [], ["up"], ["login"], ["logout"], ["whoami"], ["mcp"], ["desktops"], ["keys"],
            ["desktops", "list"], ["desktops", "get"], ["desktops", "create"], ["desktops", "start"], ["desktops", "stop"],
            ["desktops", "restart"], ["desktops", "delete"], ["desktops", "screenshot"], ["desktops", "exec"], ["desktops", "watch"],
            ["keys", "create"], ["keys", "list"], ["keys", "revoke"],
        ];
        foreach (var command in commands)
        {
            var help = await user.RunAsync([.. command, "--help"]);
            help.ExitCode.Should().Be(0, string.Join(' ', command));
            help.Out.Should().Contain("Usage:", string.Join(' ', command)).And.Contain("Description:");
        }
    }

    [Fact]
    public async Task The_package_installs_as_a_dotnet_tool_whose_lebureau_works()
    {
        var work = Directory.CreateTempSubdirectory("lebureau-tool-").FullName;
        var packages = Path.Combine(work, "packages");
        var tools = Path.Combine(work, "tools");
        var env = new Dictionary<string, string> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" };

        var pack = await RunAsync("dotnet", ["pack", RepoPaths.Of("cli", "LeBureau.Cli"), "-c", RepoPaths.Configuration, "--no-build", "-o", packages],
            env, TimeSpan.FromMinutes(5));
        pack.ExitCode.Should().Be(0, pack.ToString());
        var install = await RunAsync("dotnet", ["tool", "install", "LeBureau.Cli", "--tool-path", tools, "--add-source", packages], env, TimeSpan.FromMinutes(5));
        install.ExitCode.Should().Be(0, install.ToString());
        var help = await RunAsync(Path.Combine(tools, "lebureau"), ["--help"], env, TimeSpan.FromSeconds(60));
        env["HOME"] = work;
        env["LEBUREAU_URL"] = platform.Url;
        env["LEBUREAU_KEY"] = platform.Key;
        var whoami = await RunAsync(Path.Combine(tools, "lebureau"), ["whoami", "-o", "json"], env, TimeSpan.FromSeconds(60));

        help.ExitCode.Should().Be(0, help.ToString());
        help.Out.Should().Contain("lebureau [command] [options]").And.Contain("desktops");
        whoami.ExitCode.Should().Be(0, whoami.ToString());
        whoami.Json.GetProperty("namespace").GetString().Should().Be("lebureau");
        try { Directory.Delete(work, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Mcp_serves_the_tools_of_the_saved_login_on_stdio()
    {
        using var user = new CliUser();
        (await user.RunAsync("login", "--url", platform.Url, "--key", platform.Key)).ExitCode.Should().Be(0);
        var info = new ProcessStartInfo("dotnet", [BuiltProgram, "mcp"])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var name in new[] { "LEBUREAU_URL", "LEBUREAU_KEY" }) info.Environment.Remove(name);
        info.Environment["HOME"] = user.Home;
        info.Environment["XDG_CONFIG_HOME"] = Path.Combine(user.Home, ".config");
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));

        await process.StandardInput.WriteLineAsync("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"cli-test","version":"1"}}}""");
        await process.StandardInput.WriteLineAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}""");
        await process.StandardInput.WriteLineAsync("""{"jsonrpc":"2.0","id":2,"method":"tools/list"}""");
        await process.StandardInput.FlushAsync();
        string? tools = null;
        while (tools is null && await process.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
        {
            if (line.Contains("\"id\":2")) tools = line;
        }
        process.StandardInput.Close();
        await process.WaitForExitAsync(deadline.Token);

        tools.Should().NotBeNull(await stderr);
        tools.Should().Contain("\"desktops_list\"").And.Contain("\"desktop_screenshot\"");
        process.ExitCode.Should().Be(0, await stderr);
    }

    [Fact]
    public async Task Mcp_without_a_login_says_how_to_log_in_and_writes_nothing_to_stdout()
    {
        var home = Directory.CreateTempSubdirectory("lebureau-mcp-").FullName;

        var mcp = await RunAsync("dotnet", [BuiltProgram, "mcp"], new Dictionary<string, string> { ["HOME"] = home }, TimeSpan.FromSeconds(60));

        mcp.ExitCode.Should().Be(3, mcp.ToString());
        mcp.Out.Should().BeEmpty();
        mcp.Error.Should().Contain("not logged in");
    }

    private static async Task<CliResult> RunAsync(string file, string[] args, Dictionary<string, string> env, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(file, args)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        foreach (var name in new[] { "LEBUREAU_URL", "LEBUREAU_KEY", "KUBECONFIG", "XDG_CONFIG_HOME" }) info.Environment.Remove(name);
        foreach (var (name, value) in env) info.Environment[name] = value;
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return new CliResult(-1, await stdout, $"timed out after {timeout}\n{await stderr}");
        }
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
