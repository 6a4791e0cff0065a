using System.Text.Json.Nodes;
using LeBureau.AgentContract;
using LeBureau.DesktopAgent.Chat;
using LeBureau.DesktopAgent.Runs;
using Microsoft.Extensions.Logging.Abstractions;

namespace LeBureau.DesktopAgent.Tests.Unit;

public sealed class RunsDecisionTests
{
    [Fact]
    public void Command_output_is_stdout_then_a_stderr_line_then_stderr()
    {
        RunOutput.OfCommand("out\n", "err\n", streamsTruncated: false).Should().Be(("out\n\n[stderr]\nerr\n", false));
        RunOutput.OfCommand("out\n", "", streamsTruncated: false).Should().Be(("out\n", false));
        RunOutput.OfCommand("", "err", streamsTruncated: false).Should().Be(("\n[stderr]\nerr", false));
    }

    [Fact]
    public void Output_over_the_cap_is_cut_at_the_cap_and_flagged()
    {
        var (text, truncated) = RunOutput.OfCommand(new string('a', RunState.MaxOutputChars - 15), "0123456789", streamsTruncated: false);

        text.Length.Should().Be(RunState.MaxOutputChars);
        text[^16..].Should().Be("a\n[stderr]\n01234");
        truncated.Should().BeTrue();
        RunOutput.Cap(new string('a', RunState.MaxOutputChars)).Truncated.Should().BeFalse();
    }

    [Fact]
    public void A_stream_cut_upstream_flags_the_output_even_under_the_cap()
    {
        RunOutput.OfCommand("short", "", streamsTruncated: true).Truncated.Should().BeTrue();
    }

    [Fact]
    public void The_cap_never_splits_a_surrogate_pair()
    {
        var text = new string('a', RunState.MaxOutputChars - 1) + "😀";

        var (capped, truncated) = RunOutput.Cap(text);

        capped.Should().Be(new string('a', RunState.MaxOutputChars - 1));
        truncated.Should().BeTrue();
    }

    [Theory]
    [InlineData("task-1.attempt_2", true)]
    [InlineData("a", true)]
    [InlineData("..", true)]
    [InlineData("", false)]
    [InlineData("a/b", false)]
    [InlineData("a b", false)]
    [InlineData("é", false)]
    [InlineData("x\n", false)]
    public void Ids_are_letters_digits_dash_underscore_and_dot(string id, bool valid)
    {
        RunRequestRules.IsValidId(id).Should().Be(valid);
        RunRequestRules.IsValidId(new string('a', 128)).Should().BeTrue();
        RunRequestRules.IsValidId(new string('a', 129)).Should().BeFalse();
    }

    [Theory]
    [InlineData("bad id", RunKind.Command, "true", 1000, "'id'")]
    [InlineData("ok", (RunKind)7, "true", 1000, "'kind'")]
    [InlineData("ok", RunKind.Command, "", 1000, "'content'")]
    [InlineData("ok", RunKind.Prompt, "   ", 1000, "'content'")]
    [InlineData("ok", RunKind.Command, "true", 0, "'timeoutMs'")]
    [InlineData("ok", RunKind.Command, "true", 86_400_001, "'timeoutMs'")]
    public void Bad_requests_name_the_field(string id, RunKind kind, string content, int timeoutMs, string field)
    {
        RunRequestRules.Validate(new RunRequest(id, kind, content, timeoutMs)).Should().Contain(field);
    }

    [Fact]
    public void Requests_at_the_bounds_are_valid()
    {
        RunRequestRules.Validate(new RunRequest(new string('a', 128), RunKind.Command, new string('x', 65_536), 86_400_000)).Should().BeNull();
        RunRequestRules.Validate(new RunRequest("a", RunKind.Prompt, "x", 1)).Should().BeNull();
        RunRequestRules.Validate(new RunRequest("a", RunKind.Command, new string('x', 65_537), 1)).Should().Contain("'content'");
    }

    [Theory]
    [InlineData(0, false, false, RunStatus.Succeeded)]
    [InlineData(3, false, false, RunStatus.Failed)]
    [InlineData(137, true, false, RunStatus.TimedOut)]
    [InlineData(137, false, true, RunStatus.Cancelled)]
    [InlineData(0, false, true, RunStatus.Cancelled)]
    public void A_command_ends_by_its_exit_code_unless_it_timed_out_or_was_cancelled(int exitCode, bool timedOut, bool cancelled, RunStatus status)
    {
        var (actual, error) = RunOutcomes.OfCommand(exitCode, timedOut, cancelled, 500);

        actual.Should().Be(status);
        (error is null).Should().Be(status == RunStatus.Succeeded);
    }

    [Fact]
    public void A_prompt_ends_by_its_turns_final_event()
    {
        var done = new ChatEvent(ChatEventTypes.Done, new JsonObject { ["messageId"] = "msg_1", ["response"] = "hi" });
        ChatEvent Error(string code) => new(ChatEventTypes.Error, new JsonObject { ["messageId"] = "msg_1", ["code"] = code, ["message"] = "why" });

        RunOutcomes.OfPrompt(done, cancelled: false, timedOut: false, 1000).Should().Be((RunStatus.Succeeded, (string?)null));
        RunOutcomes.OfPrompt(Error("cancelled"), cancelled: true, timedOut: false, 1000).Status.Should().Be(RunStatus.Cancelled);
        RunOutcomes.OfPrompt(Error("cancelled"), cancelled: false, timedOut: true, 1000).Status.Should().Be(RunStatus.TimedOut);
        RunOutcomes.OfPrompt(Error("provider_auth"), cancelled: true, timedOut: false, 1000).Should().Be((RunStatus.Failed, "provider_auth: why"));
        RunOutcomes.OfPrompt(Error("turn_timeout"), cancelled: false, timedOut: false, 1000).Status.Should().Be(RunStatus.Failed);
    }

    [Fact]
    public void The_store_keeps_the_newest_runs_and_finds_those_left_running()
    {
        var directory = Directory.CreateTempSubdirectory("lebureau-runs-store-").FullName;
        try
        {
            var start = DateTimeOffset.Parse("2025-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
            RunState Run(int i, RunStatus status) => new($"run-{i}", RunKind.Command, status, "", false, null, null, null, start.AddMinutes(i), null);
            var store = new RunStore(directory, maxRuns: 3, NullLogger.Instance);
            store.Save(Run(1, RunStatus.Running));
            for (var i = 2; i <= 5; i++) store.Save(Run(i, RunStatus.Succeeded));

            store.Read("run-1")!.Status.Should().Be(RunStatus.Running, "a running run is never pushed out");
            store.Read("run-2").Should().BeNull();
            store.Read("run-3").Should().BeNull();
            Directory.GetFiles(directory).Select(Path.GetFileName).Should().BeEquivalentTo("run-1.json", "run-4.json", "run-5.json");

            var reopened = new RunStore(directory, maxRuns: 3, NullLogger.Instance);
            reopened.Running.Select(r => r.Id).Should().Equal("run-1");
            reopened.Read("run-5")!.Status.Should().Be(RunStatus.Succeeded);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void The_data_directory_is_the_setting_else_the_environment_else_home()
    {
        AgentDataDirectory.Resolve("/data/x", _ => "/env").Should().Be("/data/x");
        AgentDataDirectory.Resolve(null, n => n == "LEBUREAU_DATA_DIR" ? " /env " : null).Should().Be("/env");
        AgentDataDirectory.Resolve(null, _ => null).Should().EndWith("/.lebureau");
    }
}
