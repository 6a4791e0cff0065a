using System.Net;
using System.Text.Json;
using LeBureau.DesktopAgent.Tests.Infrastructure;

namespace LeBureau.DesktopAgent.Tests.Integration;

[Collection(DesktopCollection.Name)]
public sealed class ExecTests(DesktopFixture desktop)
{
    [Fact]
    public async Task Exec_returns_stdout_stderr_and_the_exit_code()
    {
        var result = await ExecAsync("/exec", new { command = "echo out; echo err >&2; exit 7" });

        result.GetProperty("stdout").GetString().Should().Be("out\n");
        result.GetProperty("stderr").GetString().Should().Be("err\n");
        result.GetProperty("exitCode").GetInt32().Should().Be(7);
        result.GetProperty("timedOut").GetBoolean().Should().BeFalse();
        result.GetProperty("truncated").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public async Task Exec_uses_the_working_directory_the_environment_stdin_and_the_display()
    {
        var result = await ExecAsync("/exec", new { command = "pwd; echo $GREETING; cat; echo $DISPLAY", cwd = desktop.WorkDirectory, env = new Dictionary<string, string> { ["GREETING"] = "bonjour" }, stdin = "from stdin\n" });

        result.GetProperty("stdout").GetString().Should().Be($"{desktop.WorkDirectory}\nbonjour\nfrom stdin\n{desktop.Display}\n");
    }

    [Fact]
    public async Task Bash_runs_a_multi_line_script()
    {
        var result = await ExecAsync("/bash", new { script = "set -e\nfor i in 1 2 3; do\n  echo line $i\ndone\nfalse\necho unreachable" });

        result.GetProperty("stdout").GetString().Should().Be("line 1\nline 2\nline 3\n");
        result.GetProperty("exitCode").GetInt32().Should().Be(1);
    }

    [Fact]
    public async Task Timeout_kills_the_process_and_its_background_children()
    {
        var pidFile = Path.Combine(desktop.WorkDirectory, $"child-{Guid.NewGuid():N}.pid");

        var result = await ExecAsync("/bash", new { script = $"sleep 300 &\necho $! > {pidFile}\necho started\nsleep 300", timeoutMs = 1000 });

        result.GetProperty("timedOut").GetBoolean().Should().BeTrue();
        result.GetProperty("stdout").GetString().Should().Be("started\n");
        var child = int.Parse(File.ReadAllText(pidFile).Trim());
        (await Eventually.WaitAsync(() => !IsAlive(child), TimeSpan.FromSeconds(10))).Should().BeTrue(because: $"the background sleep {child} must be killed");
    }

    [Fact]
    public async Task Output_over_the_cap_is_truncated_and_flagged()
    {
        var result = await ExecAsync("/exec", new { command = "head -c 100000 /dev/zero | tr '\\0' a; echo done >&2", maxOutputBytes = 1000 });

        result.GetProperty("stdout").GetString().Should().HaveLength(1000);
        result.GetProperty("truncated").GetBoolean().Should().BeTrue();
        result.GetProperty("stdoutTruncated").GetBoolean().Should().BeTrue();
        result.GetProperty("stderr").GetString().Should().Be("done\n");
        result.GetProperty("exitCode").GetInt32().Should().Be(0);
    }

    [Fact]
    public async Task A_background_program_does_not_hold_the_response()
    {
        var started = DateTime.UtcNow;

        var result = await ExecAsync("/exec", new { command = "sleep 30 & echo launched" });

        result.GetProperty("stdout").GetString().Should().Be("launched\n");
        (DateTime.UtcNow - started).Should().BeLessThan(TimeSpan.FromSeconds(10));
    }

    [Theory]
    [InlineData("{\"command\":\"\"}", "command")]
    [InlineData("{\"command\":\"true\",\"timeoutMs\":0}", "timeoutMs")]
    [InlineData("{\"command\":\"true\",\"cwd\":\"/no/such/dir\"}", "cwd")]
    [InlineData("{\"command\":\"true\",\"timeoutMs\":\"5\"}", "timeoutMs")]
    [InlineData("{}", "command")]
    public async Task Bad_exec_requests_are_400_naming_the_field(string json, string field)
    {
        var response = await desktop.Client.PostRawAsync("/exec", json);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.DetailAsync()).Should().Contain(field);
    }

    private async Task<JsonElement> ExecAsync(string path, object body)
    {
        var response = await desktop.Client.PostJsonAsync(path, body);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.JsonAsync();
    }

    private static bool IsAlive(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        try
        {
            // A zombie waiting for a reaper is dead for our purpose.
            return File.Exists(stat) && File.ReadAllText(stat).Split(')')[1].Trim()[0] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }
}
