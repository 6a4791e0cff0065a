using System.Net;
using System.Text.Json;
using LeBureau.Cli.Api;
using LeBureau.Cli.Config;
using LeBureau.Cli.Desktops;
using LeBureau.Cli.Hosting;
using LeBureau.Cli.Keys;
using LeBureau.Cli.Output;
using LeBureau.Client;
using LeBureau.Resources;

namespace LeBureau.Cli.Tests.Unit;

/// <summary>The CLI's pure decisions, at fixed times and without a server.</summary>
public sealed class DecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 15, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Tables_pad_columns_to_the_widest_cell_with_upper_case_headers_and_none_for_empty()
    {
        var text = TableText.Render<(string A, string? B)>([new("id", r => r.A), new("name", r => r.B)], [("1", "alpha"), ("22", null)]);

        text.Should().Be("ID   NAME\n1    alpha\n22   <none>\n");
    }

    [Theory]
    [InlineData("90m", 90 * 60)]
    [InlineData("12h", 12 * 3600)]
    [InlineData("30d", 30 * 86400)]
    [InlineData("45", 45)]
    public void Durations_read_seconds_minutes_hours_and_days(string text, int seconds) =>
        DurationText.TryParse(text).Should().Be(TimeSpan.FromSeconds(seconds));

    [Theory]
    [InlineData("0s")]
    [InlineData("5w")]
    [InlineData("soon")]
    public void Other_durations_are_refused(string text) => DurationText.TryParse(text).Should().BeNull();

    [Fact]
    public void Expiry_is_a_duration_from_now_or_a_date_in_UTC_and_never_in_the_past()
    {
        ExpiryText.Parse("30d", Now).Should().Be(Now.AddDays(30));
        ExpiryText.Parse("2027-01-31", Now).Should().Be(new DateTimeOffset(2027, 1, 31, 0, 0, 0, TimeSpan.Zero));
        var past = () => ExpiryText.Parse("2026-01-01", Now);
        past.Should().Throw<CliException>().Which.ExitCode.Should().Be(ExitCodes.Usage);
    }

    [Fact]
    public void Capabilities_are_read_by_API_name_repeated_or_comma_separated_or_all()
    {
        CapabilityNames.Parse(["desktop:read,desktop:control", "tasks:read"]).Should().Equal(Capability.DesktopRead, Capability.DesktopControl, Capability.TasksRead);
        CapabilityNames.Parse(["all"]).Should().HaveCount(7);
        var unknown = () => CapabilityNames.Parse(["desktop:reed"]);
        unknown.Should().Throw<CliException>().WithMessage("unknown capability 'desktop:reed': use desktop:read, *");
    }

    [Theory]
    [InlineData(new[] { "ls" }, "ls")]
    [InlineData(new[] { "ls | wc -l" }, "ls | wc -l")]
    [InlineData(new[] { "ls", "-la", "/tmp" }, "ls -la /tmp")]
    [InlineData(new[] { "echo", "my file", "it's" }, "echo 'my file' 'it'\\''s'")]
    [InlineData(new[] { "bash", "-c", "exit 3" }, "bash -c 'exit 3'")]
    public void Exec_runs_one_word_as_a_command_line_and_several_as_quoted_arguments(string[] words, string line) =>
        ExecCommandLine.Join(words).Should().Be(line);

    [Fact]
    public void The_environment_overrides_the_saved_login_one_value_at_a_time()
    {
        var saved = new SavedLogin("http://saved:8080", "sk_live_saved");

        LoginResolution.Resolve(null, null, saved).Should().Be(saved);
        LoginResolution.Resolve("http://env:9090/", null, saved).Should().Be(new SavedLogin("http://env:9090", "sk_live_saved"));
        LoginResolution.Resolve(null, "sk_live_env", saved).Should().Be(new SavedLogin("http://saved:8080", "sk_live_env"));
        var none = () => LoginResolution.Resolve(null, null, null);
        none.Should().Throw<CliException>().Where(e => e.ExitCode == ExitCodes.Unauthenticated && e.Message.Contains("lebureau login --url"));
        var half = () => LoginResolution.Resolve(null, "sk_live_env", null);
        half.Should().Throw<CliException>().WithMessage("no API URL (LEBUREAU_KEY is set, LEBUREAU_URL is not)*");
    }

    [Fact]
    public void API_failures_become_exit_codes_and_fixes()
    {
        var url = new Uri("http://127.0.0.1:8080");

        ApiFailure.From(new LeBureauApiException(HttpStatusCode.Unauthorized, "Unauthorized", "Invalid API key."), url, "LEBUREAU_KEY")!
            .Should().Match<CliException>(e => e.ExitCode == ExitCodes.Unauthenticated && e.Message.Contains("refused the key from LEBUREAU_KEY"));
        ApiFailure.From(new LeBureauApiException(HttpStatusCode.Forbidden, "Forbidden", "Missing capability", "desktop:control"), url, "x")!
            .Should().Match<CliException>(e => e.ExitCode == ExitCodes.Forbidden && e.Message.Contains("--capability desktop:control"));
        ApiFailure.From(new LeBureauApiException(HttpStatusCode.Conflict, "Conflict", "already stopped"), url, "x")!.ExitCode.Should().Be(ExitCodes.Conflict);
        ApiFailure.From(new LeBureauApiException(HttpStatusCode.ServiceUnavailable, null, "Agent not ready"), url, "x")!.ExitCode.Should().Be(ExitCodes.Conflict);
        ApiFailure.From(new LeBureauApiException(HttpStatusCode.NotFound, null, null), url, "x")!.ExitCode.Should().Be(ExitCodes.NotFound);
        ApiFailure.From(new HttpRequestException("Connection refused"), url, "x")!
            .Should().Match<CliException>(e => e.ExitCode == ExitCodes.Unreachable && e.Message.StartsWith("cannot reach the API at http://127.0.0.1:8080:"));
        ApiFailure.From(new InvalidOperationException(), url, "x").Should().BeNull();
    }

    [Fact]
    public void A_wait_for_the_agent_ends_when_it_is_ready_and_fails_on_error()
    {
        DesktopInfo Desk(string status, bool ready) => new("id", "d", status, "free", null, Now, false, ready);

        DesktopWait.Evaluate(Desk("booting", false), WaitTarget.AgentReady).Should().Be(DesktopWait.Outcome.NotYet);
        DesktopWait.Evaluate(Desk("running", false), WaitTarget.AgentReady).Should().Be(DesktopWait.Outcome.NotYet);
        DesktopWait.Progress(Desk("running", false), WaitTarget.AgentReady).Should().Be("running, waiting for the agent");
        DesktopWait.Evaluate(Desk("running", true), WaitTarget.AgentReady).Should().Be(DesktopWait.Outcome.Reached);
        DesktopWait.Evaluate(Desk("stopping", false), WaitTarget.Stopped).Should().Be(DesktopWait.Outcome.NotYet);
        DesktopWait.Evaluate(Desk("stopped", false), WaitTarget.Stopped).Should().Be(DesktopWait.Outcome.Reached);
        DesktopWait.Evaluate(Desk("error", false), WaitTarget.AgentReady).Should().Be(DesktopWait.Outcome.Failed);
    }

    [Fact]
    public void A_desktop_is_named_by_id_or_by_a_unique_name()
    {
        var desks = new[] { new DesktopInfo("a", "one", "running", "free", null, Now, false, true), new DesktopInfo("b", "two", "running", "free", null, Now, false, true),
            new DesktopInfo("c", "two", "running", "free", null, Now, false, true) };

        DesktopReference.IsId(Guid.NewGuid().ToString()).Should().BeTrue();
        DesktopReference.ByName("one", desks).Should().Be("a");
        var ambiguous = () => DesktopReference.ByName("two", desks);
        ambiguous.Should().Throw<CliException>().Where(e => e.ExitCode == ExitCodes.Usage && e.Message.Contains("b, c"));
        var missing = () => DesktopReference.ByName("three", desks);
        missing.Should().Throw<CliException>().Which.ExitCode.Should().Be(ExitCodes.NotFound);
    }

    [Fact]
    public void An_event_line_shows_time_type_desktop_and_status_then_the_rest()
    {
        var payload = JsonDocument.Parse("""{"id":"d-1","name":"desk","status":"running","agentReady":true,"cpu":null,"at":"2026-12-02T14:03:04Z"}""").RootElement;

        EventLine.Format(new StreamEvent("1-0", "desktop.status", payload), Now)
            .Should().Be("14:03:04  desktop.status       d-1                                   desk  running  agentReady=true");
    }

    [Fact]
    public void Ages_read_like_kubectl()
    {
        Age.Format(Now.AddSeconds(-42), Now).Should().Be("42s");
        Age.Format(Now.AddMinutes(-5), Now).Should().Be("5m");
        Age.Format(Now.AddHours(-30), Now).Should().Be("30h");
        Age.Format(Now.AddDays(-3), Now).Should().Be("3d");
    }

    [Fact]
    public void Yaml_output_has_the_same_fields_as_json()
    {
        var yaml = ResultWriter.ToYaml(new DesktopInfo("id-1", "desk", "running", "free", null, Now, false, true));

        yaml.Should().Contain("id: id-1\n").And.Contain("agentReady: true\n").And.Contain("keepAlive: false\n").And.NotContain("ipAddress");
    }
}
