using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeBureau.DesktopAgent.Tests.Infrastructure;
using LeBureau.Testing.Providers;
using Microsoft.AspNetCore.Builder;

namespace LeBureau.DesktopAgent.Tests.Integration;

/// <summary>
/// Mission control's runs against real agents on the collection's Xvfb, each test with its own agent(s) and data
/// directory; prompts go to a provider stand-in through the official Anthropic SDK.
/// </summary>
[Collection(DesktopCollection.Name)]
public sealed class RunsTests(DesktopFixture desktop) : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly List<WebApplication> _agents = [];
    private readonly List<HttpClient> _clients = [];
    private readonly string _root = Directory.CreateTempSubdirectory("lebureau-runs-").FullName;
    private ProviderStandIn? _standIn;

    [Fact]
    public async Task A_command_run_succeeds_with_its_output_and_exit_code()
    {
        var client = await StartAgentAsync();

        var created = await client.PostAsJsonAsync("/runs", Command("hello", "echo hello; echo there"));

        created.StatusCode.Should().Be(HttpStatusCode.Created);
        created.Headers.Location!.ToString().Should().Be("/runs/hello");
        var started = await created.JsonAsync();
        started.GetProperty("id").GetString().Should().Be("hello");
        started.GetProperty("kind").GetString().Should().Be("command");
        var run = await FinalAsync(client, "hello");
        run.GetProperty("status").GetString().Should().Be("succeeded");
        run.GetProperty("output").GetString().Should().Be("hello\nthere\n");
        run.GetProperty("exitCode").GetInt32().Should().Be(0);
        run.GetProperty("outputTruncated").GetBoolean().Should().BeFalse();
        run.GetProperty("error").ValueKind.Should().Be(JsonValueKind.Null);
        run.GetProperty("completedAt").GetDateTimeOffset().Should().BeOnOrAfter(run.GetProperty("startedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_non_zero_exit_fails_the_run_with_stderr_after_a_stderr_line()
    {
        var client = await StartAgentAsync();

        (await client.PostAsJsonAsync("/runs", Command("fails", "echo out; echo err >&2; exit 3"))).StatusCode.Should().Be(HttpStatusCode.Created);

        var run = await FinalAsync(client, "fails");
        run.GetProperty("status").GetString().Should().Be("failed");
        run.GetProperty("exitCode").GetInt32().Should().Be(3);
        run.GetProperty("output").GetString().Should().Be("out\n\n[stderr]\nerr\n");
        run.GetProperty("error").GetString().Should().Contain("code 3");
    }

    [Fact]
    public async Task A_get_with_waitMs_answers_as_soon_as_the_run_ends()
    {
        var client = await StartAgentAsync();
        var gate = Path.Combine(_root, "gate");
        (await client.PostAsJsonAsync("/runs", Command("held", $"while [ ! -e {gate} ]; do sleep 0.01; done; echo through"))).StatusCode.Should().Be(HttpStatusCode.Created);

        var waiting = client.GetAsync("/runs/held?waitMs=30000");
        var early = await client.GetAsync("/runs/held?waitMs=50");
        File.WriteAllText(gate, "");
        var answer = await (await waiting).JsonAsync();

        (await early.JsonAsync()).GetProperty("status").GetString().Should().Be("running", "a wait that passes answers the run as it is");
        answer.GetProperty("status").GetString().Should().Be("succeeded", "the held answer comes when the run has ended, well before 30 s");
        answer.GetProperty("output").GetString().Should().Be("through\n");
        (await client.GetAsync("/runs/held?waitMs=30001")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await client.GetAsync("/runs/held?waitMs=-1")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await client.GetAsync("/runs/nothing?waitMs=100")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_same_id_posted_again_runs_once_and_answers_the_existing_run()
    {
        var client = await StartAgentAsync();
        var counter = Path.Combine(_root, "count");
        var request = Command("once", $"echo ran >> {counter}");

        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => client.PostAsJsonAsync("/runs", request)));
        await FinalAsync(client, "once");
        var again = await client.PostAsJsonAsync("/runs", request);

        answers.Count(a => a.StatusCode == HttpStatusCode.Created).Should().Be(1);
        answers.Count(a => a.StatusCode == HttpStatusCode.OK).Should().Be(4);
        again.StatusCode.Should().Be(HttpStatusCode.OK);
        (await again.JsonAsync()).GetProperty("status").GetString().Should().Be("succeeded");
        File.ReadAllLines(counter).Should().Equal("ran");
    }

    [Fact]
    public async Task Cancel_kills_the_commands_process_group()
    {
        var client = await StartAgentAsync();
        var pidFile = Path.Combine(_root, "pgid");
        var touched = Path.Combine(_root, "touched");
        await client.PostAsJsonAsync("/runs", Command("long", $"echo $$ > {pidFile}; sleep 300 & sleep 300; touch {touched}"));
        var group = await ProcessGroupAsync(pidFile);
        ProcessGroupAlive(group).Should().BeTrue();

        var cancel = await client.PostAsync("/runs/long/cancel", null);

        cancel.StatusCode.Should().Be(HttpStatusCode.OK);
        var run = await cancel.JsonAsync();
        run.GetProperty("status").GetString().Should().Be("cancelled");
        run.GetProperty("exitCode").GetInt32().Should().Be(137);
        (await Eventually.WaitAsync(() => !ProcessGroupAlive(group), Deadline)).Should().BeTrue(because: $"process group {group} must be killed");
        File.Exists(touched).Should().BeFalse();
        (await client.PostAsync("/runs/long/cancel", null)).StatusCode.Should().Be(HttpStatusCode.OK, "cancelling an ended run answers its state");
    }

    [Fact]
    public async Task A_run_longer_than_its_timeout_is_killed_and_timed_out()
    {
        var client = await StartAgentAsync();

        await client.PostAsJsonAsync("/runs", Command("slow", "echo started; sleep 300", timeoutMs: 500));

        var run = await FinalAsync(client, "slow");
        run.GetProperty("status").GetString().Should().Be("timedOut");
        run.GetProperty("output").GetString().Should().Be("started\n");
        run.GetProperty("exitCode").GetInt32().Should().Be(137);
        run.GetProperty("error").GetString().Should().Contain("500 ms");
    }

    [Fact]
    public async Task Output_over_the_cap_is_cut_at_the_cap_and_flagged()
    {
        var client = await StartAgentAsync();

        await client.PostAsJsonAsync("/runs", Command("chatty", "head -c 300000 /dev/zero | tr '\\0' a"));

        var run = await FinalAsync(client, "chatty");
        run.GetProperty("status").GetString().Should().Be("succeeded");
        run.GetProperty("output").GetString().Should().HaveLength(65_536).And.MatchRegex("^a+$");
        run.GetProperty("outputTruncated").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task Unknown_ids_are_404()
    {
        var client = await StartAgentAsync();

        (await client.GetAsync("/runs/nope")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.PostAsync("/runs/nope/cancel", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.GetAsync("/runs/..%2F..%2Fetc%2Fpasswd")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("""{"id":"bad id","kind":"command","content":"true","timeoutMs":1000}""", "id")]
    [InlineData("""{"id":"","kind":"command","content":"true","timeoutMs":1000}""", "id")]
    [InlineData("""{"id":"ok","kind":"command","content":"","timeoutMs":1000}""", "content")]
    [InlineData("""{"id":"ok","kind":"command","content":"true","timeoutMs":0}""", "timeoutMs")]
    [InlineData("""{"id":"ok","kind":"command","content":"true","timeoutMs":86400001}""", "timeoutMs")]
    [InlineData("""{"id":"ok","kind":"script","content":"true","timeoutMs":1000}""", "kind")]
    [InlineData("""{"id":"ok","kind":"command","content":"true"}""", "timeoutMs")]
    [InlineData("""{"id":"ok","kind":"command","content":"true","timeoutMs":"1000"}""", "timeoutMs")]
    public async Task Bad_requests_are_400_naming_the_field(string json, string field)
    {
        var client = await StartAgentAsync();

        var response = await client.PostRawAsync("/runs", json);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.DetailAsync()).Should().Contain(field);
        (await client.GetAsync("/runs/ok")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Content_over_64_KiB_is_400()
    {
        var client = await StartAgentAsync();

        var response = await client.PostAsJsonAsync("/runs", Command("big", new string('x', 65_537)));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.DetailAsync()).Should().Contain("content");
    }

    [Fact]
    public async Task Runs_outlive_an_agent_restart_and_one_running_then_is_failed_interrupted()
    {
        var data = DataDirectory();
        var counter = Path.Combine(_root, "count");
        var touched = Path.Combine(_root, "touched");
        var pidFile = Path.Combine(_root, "pgid");
        var first = await StartAgentAsync(data);
        await first.PostAsJsonAsync("/runs", Command("done-before", $"echo ran >> {counter}; echo kept"));
        await FinalAsync(first, "done-before");
        await first.PostAsJsonAsync("/runs", Command("cut-short", $"echo $$ > {pidFile}; sleep 300; touch {touched}"));
        var group = await ProcessGroupAsync(pidFile);

        await StopAgentsAsync();
        var second = await StartAgentAsync(data);

        var kept = await (await second.GetAsync("/runs/done-before")).JsonAsync();
        kept.GetProperty("status").GetString().Should().Be("succeeded");
        kept.GetProperty("output").GetString().Should().Be("kept\n");
        var cut = await (await second.GetAsync("/runs/cut-short")).JsonAsync();
        cut.GetProperty("status").GetString().Should().Be("failed");
        cut.GetProperty("error").GetString().Should().Be("interrupted: the desktop agent restarted");
        cut.GetProperty("completedAt").ValueKind.Should().Be(JsonValueKind.String);
        var again = await second.PostAsJsonAsync("/runs", Command("done-before", $"echo ran >> {counter}; echo kept"));
        again.StatusCode.Should().Be(HttpStatusCode.OK);
        File.ReadAllLines(counter).Should().Equal("ran");
        (await Eventually.WaitAsync(() => !ProcessGroupAlive(group), Deadline)).Should().BeTrue(because: "the stopping agent kills its runs' process groups");
        File.Exists(touched).Should().BeFalse();
    }

    [Fact]
    public async Task Stopping_the_agent_right_after_a_start_kills_the_command()
    {
        var pidFile = Path.Combine(_root, "pgid");
        var client = await StartAgentAsync();
        await client.PostAsJsonAsync("/runs", Command("just-started", $"echo $$ > {pidFile}; sleep 300"));

        await StopAgentsAsync();

        // Killed before or after it ran its first line: either way none of its processes is left.
        (await Eventually.WaitAsync(() => !ProcessesRunning(pidFile), Deadline)).Should().BeTrue();
    }

    [Fact]
    public async Task A_prompt_run_answers_with_the_chat_agents_answer_and_its_message_id()
    {
        var client = await StartAgentAsync(chat: true);
        _standIn!.Anthropic.Enqueue(ScriptedReply.Message("The desktop runs Linux.", chunks: 3));

        var created = await client.PostAsJsonAsync("/runs", Prompt("ask", "Which kernel does this desktop run?"));

        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var messageId = (await created.JsonAsync()).GetProperty("messageId").GetString();
        messageId.Should().StartWith("msg_");
        var run = await FinalAsync(client, "ask");
        run.GetProperty("status").GetString().Should().Be("succeeded");
        run.GetProperty("output").GetString().Should().Be("The desktop runs Linux.");
        run.GetProperty("messageId").GetString().Should().Be(messageId);
        var message = (await (await client.GetAsync("/chat/messages")).JsonAsync()).EnumerateArray().Single(m => m.GetProperty("id").GetString() == messageId);
        message.GetProperty("status").GetString().Should().Be("done");
        message.GetProperty("content").GetString().Should().Be("The desktop runs Linux.");
    }

    [Fact]
    public async Task A_prompt_while_the_chat_agent_answers_is_409_and_starts_nothing()
    {
        var client = await StartAgentAsync(chat: true);
        _standIn!.Anthropic.Enqueue(ScriptedReply.Message("Slow answer.").After(TimeSpan.FromSeconds(2)));
        using var chat = new HttpRequestMessage(HttpMethod.Post, "/chat") { Content = JsonContent.Create(new { message = "Take your time" }) };
        using var stream = await client.SendAsync(chat, HttpCompletionOption.ResponseHeadersRead);
        stream.StatusCode.Should().Be(HttpStatusCode.OK);

        var busy = await client.PostAsJsonAsync("/runs", Prompt("second", "And now this"));

        busy.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await busy.DetailAsync()).Should().Contain("answering message msg_");
        (await client.GetAsync("/runs/second")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await stream.Content.ReadAsStringAsync()).Should().Contain("Slow answer.");
    }

    [Fact]
    public async Task A_prompt_without_chat_configured_is_422_not_a_conflict_to_retry()
    {
        var client = await StartAgentAsync();

        var response = await client.PostAsJsonAsync("/runs", Prompt("no-chat", "Hello"));

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await response.DetailAsync()).Should().Contain("not configured");
    }

    [Fact]
    public async Task Cancelling_a_prompt_run_cancels_the_chat_turn()
    {
        var client = await StartAgentAsync(chat: true);
        _standIn!.Anthropic.Enqueue(ScriptedReply.Hang());
        var created = await (await client.PostAsJsonAsync("/runs", Prompt("stop-me", "Do something long"))).JsonAsync();
        await _standIn.WaitForRequestAsync(0, Deadline);

        var run = await (await client.PostAsync("/runs/stop-me/cancel", null)).JsonAsync();

        run.GetProperty("status").GetString().Should().Be("cancelled");
        var messageId = created.GetProperty("messageId").GetString();
        var message = (await (await client.GetAsync("/chat/messages")).JsonAsync()).EnumerateArray().Single(m => m.GetProperty("id").GetString() == messageId);
        message.GetProperty("status").GetString().Should().Be("error");
        message.GetProperty("error").GetProperty("code").GetString().Should().Be("cancelled");
        (await client.GetAsync("/chat/stream")).StatusCode.Should().Be(HttpStatusCode.NoContent, "no turn runs any more");
    }

    [Fact]
    public async Task A_prompt_run_past_its_timeout_stops_the_turn_and_is_timed_out()
    {
        var client = await StartAgentAsync(chat: true);
        _standIn!.Anthropic.Enqueue(ScriptedReply.Hang());

        await client.PostAsJsonAsync("/runs", Prompt("too-long", "Do something long", timeoutMs: 1000));

        var run = await FinalAsync(client, "too-long");
        run.GetProperty("status").GetString().Should().Be("timedOut");
        run.GetProperty("error").GetString().Should().Contain("1000 ms");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await StopAgentsAsync();
        if (_standIn is not null) await _standIn.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    private static object Command(string id, string content, int timeoutMs = 30_000) => new { id, kind = "command", content, timeoutMs };

    private static object Prompt(string id, string content, int timeoutMs = 30_000) => new { id, kind = "prompt", content, timeoutMs };

    private string DataDirectory() => Directory.CreateDirectory(Path.Combine(_root, "data-" + Guid.NewGuid().ToString("N")[..8])).FullName;

    /// <summary>Starts an agent on the collection's display keeping its data in <paramref name="data"/>; with chat, pointed at the stand-in.</summary>
    private async Task<HttpClient> StartAgentAsync(string? data = null, bool chat = false)
    {
        var address = new Uri($"http://127.0.0.1:{DesktopFixture.FreePort()}");
        List<string> args =
        [
            "--urls", address.ToString().TrimEnd('/'), $"--Agent:Display={desktop.Display}", $"--Agent:Token={DesktopFixture.Token}",
            $"--Agent:VncPort={DesktopFixture.FreePort()}", $"--Agent:VncViewOnlyPort={DesktopFixture.FreePort()}",
            $"--Chat:DataDirectory={data ?? DataDirectory()}",
        ];
        if (chat)
        {
            _standIn ??= await ProviderStandIn.StartAsync();
            var key = Path.Combine(_root, "provider-key");
            await File.WriteAllTextAsync(key, "sk-ant-runs-test-key");
            args.AddRange(
            [
                "--Chat:Provider=anthropic", $"--Chat:ApiKeyFile={key}", $"--Chat:BaseUrl={_standIn.BaseUrl.ToString().TrimEnd('/')}",
                "--Chat:StepTimeout=00:01:00", "--Chat:Tools:SettleDelayMs=0",
            ]);
        }
        _agents.Add(await DesktopFixture.StartAgentAsync([.. args]));
        var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", DesktopFixture.Token);
        _clients.Add(client);
        return client;
    }

    private async Task StopAgentsAsync()
    {
        foreach (var client in _clients) client.Dispose();
        _clients.Clear();
        foreach (var agent in _agents)
        {
            await agent.StopAsync();
            await agent.DisposeAsync();
        }
        _agents.Clear();
    }

    private static async Task<JsonElement> FinalAsync(HttpClient client, string id)
    {
        JsonElement run = default;
        var ended = await Eventually.WaitAsync(
            async () =>
            {
                run = await (await client.GetAsync($"/runs/{id}")).JsonAsync();
                return run.GetProperty("status").GetString() != "running";
            },
            Deadline);
        ended.Should().BeTrue(because: $"run {id} must end within {Deadline}");
        return run;
    }

    /// <summary>The process group a command wrote to <paramref name="pidFile"/> (its <c>$$</c>: setsid made it the group's leader).</summary>
    private static async Task<int> ProcessGroupAsync(string pidFile)
    {
        (await Eventually.WaitAsync(() => File.Exists(pidFile) && File.ReadAllText(pidFile).EndsWith('\n'), Deadline)).Should().BeTrue();
        return int.Parse(File.ReadAllText(pidFile).Trim());
    }

    /// <summary>True while a live process's command line contains <paramref name="text"/>, read from /proc.</summary>
    private static bool ProcessesRunning(string text) =>
        Directory.EnumerateDirectories("/proc").Any(directory =>
        {
            try
            {
                return File.ReadAllText(Path.Combine(directory, "cmdline")).Contains(text, StringComparison.Ordinal);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return false;
            }
        });

    /// <summary>True while a live (not zombie) process of <paramref name="group"/> exists, read from /proc.</summary>
    private static bool ProcessGroupAlive(int group)
    {
        foreach (var stat in Directory.EnumerateDirectories("/proc").Select(d => Path.Combine(d, "stat")))
        {
            string text;
            try
            {
                text = File.ReadAllText(stat);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }
            // pid (comm) state ppid pgrp …: comm may hold spaces and parentheses, so fields are read after the last ')'.
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            if (fields[0] != "Z" && int.Parse(fields[2]) == group) return true;
        }
        return false;
    }
}
