using System.Net;
using System.Text.Json;
using LeBureau.ApiServer.Tests.Infrastructure;
using LeBureau.ControlPlane;
using LeBureau.Testing;
using LeBureau.Testing.Providers;
using Microsoft.AspNetCore.Builder;

namespace LeBureau.ApiServer.Tests.MissionControl;

/// <summary>
/// Mission control end to end: tasks created through the api-server, run by the real operator's DesktopTask controller
/// on desktops of its local runtime (the real agent's run API), watched on the activity stream by a plain SSE client.
/// Prompt tasks reach the chat agent, whose provider is the stand-in.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class TaskEndToEndTests(ApiServerFixture fixture) : IAsyncLifetime
{
    private const string Tasks = "/api/mission-control/tasks";
    private ProviderStandIn _standIn = null!;
    private WebApplication? _operator;
    private string _ns = "";
    private string _state = "";
    private string _key = "";

    public async Task InitializeAsync()
    {
        _standIn = await ProviderStandIn.StartAsync();
        _ns = await fixture.CreateNamespaceAsync("mc-e2e");
        _state = Directory.CreateTempSubdirectory("lebureau-mc-e2e-").FullName;
        _key = await fixture.CreateKeyAsync(_ns, ApiServerFixture.All);
        _operator = await LocalOperator.StartAsync(fixture, _ns, _state,
            [$"--Operator:ProviderBaseUrls:anthropic={_standIn.BaseUrl.ToString().TrimEnd('/')}"]);
    }

    public async Task DisposeAsync()
    {
        if (_operator is not null)
        {
            await _operator.StopAsync();
            await _operator.DisposeAsync();
        }
        await _standIn.DisposeAsync();
        try { Directory.Delete(_state, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task A_command_task_runs_on_its_desktop_and_the_activity_stream_tells_created_started_completed_with_replay()
    {
        using var client = fixture.CreateClient(_key);
        var desktop = await DesktopAsync(client);
        await using var stream = await SseReader.OpenAsync(new Uri(fixture.AddressA, "/api/mission-control/activity/stream"), _key);

        var created = await (await client.PostJsonAsync(Tasks, new { type = "command", content = "echo out-$((6*7)); echo err >&2", desktopId = desktop, run = true }))
            .JsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString()!;
        var task = await FinishedAsync(client, id);

        task.GetProperty("status").GetString().Should().Be("done", task.ToString());
        task.GetProperty("exitCode").GetInt32().Should().Be(0);
        task.GetProperty("output").GetString().Should().Be("out-42\n\n[stderr]\nerr\n");
        task.GetProperty("startedAt").GetString().Should().EndWith("Z");
        task.GetProperty("completedAt").GetString().Should().EndWith("Z");

        (await WaitFor.ConditionAsync(_ => Task.FromResult(Has(stream, "task.completed", id)), TimeSpan.FromSeconds(15))).Should().BeTrue("the completion reaches the stream");
        var mine = stream.Events.Where(e => TaskId(e.Payload) == id).ToList();
        mine.Select(e => e.Type).Should().ContainInOrder("task.created", "task.started", "task.completed");
        mine.Select(e => e.Type).Should().OnlyHaveUniqueItems("each transition is published once");
        var completed = mine.Single(e => e.Type == "task.completed").Payload;
        completed.GetProperty("desktopId").GetString().Should().Be(desktop);
        completed.GetProperty("status").GetString().Should().Be("done");
        completed.GetProperty("completedAt").GetString().Should().EndWith("Z");
        mine.Select(e => e.Payload.GetRawText()).Should().NotContain(p => p.Contains("out-42"), "events carry no output");

        var first = mine.First(e => e.Type == "task.created").Id;
        await using var resumed = await SseReader.OpenAsync(new Uri(fixture.AddressB, "/api/mission-control/activity/stream"), _key, lastEventId: first);
        (await WaitFor.ConditionAsync(_ => Task.FromResult(Has(resumed, "task.completed", id)), TimeSpan.FromSeconds(15))).Should().BeTrue("replay after reconnecting");
        resumed.Events.Where(e => TaskId(e.Payload) == id).Select(e => e.Type).Should().NotContain("task.created", "replay starts after Last-Event-ID");
    }

    [Fact]
    public async Task Review_approve_makes_a_task_done_reject_makes_it_failed_with_the_feedback_and_approvals_are_announced()
    {
        using var client = fixture.CreateClient(_key);
        var desktop = await DesktopAsync(client);
        await using var stream = await SseReader.OpenAsync(new Uri(fixture.AddressA, "/api/mission-control/activity/stream"), _key);
        var approve = await CreateAsync(client, new { type = "command", content = "echo approve-me", desktopId = desktop, requiresApproval = true, run = true });
        var reject = await CreateAsync(client, new { type = "command", content = "echo reject-me", desktopId = desktop, requiresApproval = true, run = true });

        foreach (var id in new[] { approve, reject })
        {
            (await WaitFor.ConditionAsync(async _ => (await GetAsync(client, id)).GetProperty("status").GetString() == "review", TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(300)))
                .Should().BeTrue("a finished task that needs approval waits in review");
        }
        var approvals = await (await client.GetAsync("/api/mission-control/approvals")).JsonAsync(HttpStatusCode.OK);
        approvals.EnumerateArray().Select(t => t.GetProperty("id").GetString()).Should().BeEquivalentTo([approve, reject]);

        (await client.PostJsonAsync($"{Tasks}/{approve}/review", new { decision = "approve" })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.PostJsonAsync($"{Tasks}/{reject}/review", new { decision = "reject", feedback = "wrong folder" })).StatusCode.Should().Be(HttpStatusCode.OK);
        var approved = await FinishedAsync(client, approve);
        var rejected = await FinishedAsync(client, reject);
        approved.GetProperty("status").GetString().Should().Be("done");
        rejected.GetProperty("status").GetString().Should().Be("failed");
        rejected.GetProperty("message").GetString().Should().Contain("wrong folder");
        approved.GetProperty("reviewedAt").GetString().Should().EndWith("Z");

        (await WaitFor.ConditionAsync(_ => Task.FromResult(Has(stream, "approval.resolved", approve) && Has(stream, "approval.resolved", reject) && Has(stream, "task.failed", reject)),
            TimeSpan.FromSeconds(15))).Should().BeTrue();
        foreach (var type in new[] { "task.review", "approval.created", "approval.resolved" })
        {
            stream.Events.Count(e => e.Type == type && TaskId(e.Payload) == approve).Should().Be(1, type);
        }
        Has(stream, "task.completed", approve).Should().BeTrue();
    }

    [Fact]
    public async Task A_prompt_task_is_answered_by_the_desktops_chat_agent()
    {
        using var client = fixture.CreateClient(_key);
        var desktop = await DesktopAsync(client);
        _standIn.Anthropic.Enqueue(ScriptedReply.Message("The answer from the agent."));
        var id = await CreateAsync(client, new { type = "prompt", content = "what is on the screen?", desktopId = desktop, run = true });
        var task = await FinishedAsync(client, id);
        task.GetProperty("status").GetString().Should().Be("done", task.ToString());
        task.GetProperty("output").GetString().Should().Be("The answer from the agent.");
        var messageId = task.GetProperty("messageId").GetString();
        var history = await (await client.GetAsync($"/api/desktops/{desktop}/chat/messages")).JsonAsync(HttpStatusCode.OK);
        history.EnumerateArray().Should().Contain(m => m.GetProperty("id").GetString() == messageId);
    }

    [Fact]
    public async Task Tasks_of_a_desktop_run_one_at_a_time_in_creation_order_and_cancel_stops_a_queued_and_a_running_one()
    {
        using var client = fixture.CreateClient(_key);
        var desktop = await DesktopAsync(client);
        var marker = Path.Combine(_state, "never-" + Guid.NewGuid().ToString("N"));
        var ids = new List<string>();
        for (var i = 0; i < 3; i++) ids.Add(await CreateAsync(client, new { type = "command", content = $"sleep 0.3; echo {i}", desktopId = desktop, run = true }));
        var running = await CreateAsync(client, new { type = "command", content = $"sleep 300; touch {marker}", desktopId = desktop, run = true });
        var queued = await CreateAsync(client, new { type = "command", content = $"touch {marker}", desktopId = desktop, run = true });

        (await WaitFor.ConditionAsync(async _ => (await GetAsync(client, running)).GetProperty("status").GetString() == "running", TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(200)))
            .Should().BeTrue("the fourth task starts once the first three are done");
        (await GetAsync(client, queued)).GetProperty("status").GetString().Should().Be("pending", "it waits its turn");
        (await client.PostAsync($"{Tasks}/{queued}/cancel", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.PostAsync($"{Tasks}/{running}/cancel", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await FinishedAsync(client, running)).GetProperty("status").GetString().Should().Be("cancelled");
        (await FinishedAsync(client, queued)).GetProperty("status").GetString().Should().Be("cancelled");
        (await WaitFor.ConditionAsync(_ => Task.FromResult(!System.Diagnostics.Process.GetProcesses().Any(p => CommandLine(p.Id).Contains(marker))), TimeSpan.FromSeconds(10)))
            .Should().BeTrue("the cancelled command's processes are gone from the desktop");
        File.Exists(marker).Should().BeFalse();

        var done = new List<JsonElement>();
        foreach (var id in ids) done.Add(await FinishedAsync(client, id));
        done.Select(t => t.GetProperty("output").GetString()).Should().Equal("0\n", "1\n", "2\n");
        for (var i = 1; i < done.Count; i++)
        {
            DateTime.Parse(done[i].GetProperty("startedAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture)
                .Should().BeOnOrAfter(DateTime.Parse(done[i - 1].GetProperty("completedAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture), "never two at once, in creation order");
        }
    }

    private async Task<string> DesktopAsync(HttpClient client)
    {
        var created = await (await client.PostJsonAsync("/api/desktops", new
        {
            name = "tasks", tier = "free", providerConfig = new { provider = "anthropic", apiKey = "sk-ant-mc-" + Guid.NewGuid().ToString("N") },
        })).JsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString()!;
        (await WaitFor.ConditionAsync(async _ => (await (await client.GetAsync($"/api/desktops/{id}")).JsonAsync(HttpStatusCode.OK)).GetProperty("agentReady").GetBoolean(),
            TimeSpan.FromSeconds(90), TimeSpan.FromMilliseconds(300))).Should().BeTrue("the desktop becomes agent-ready");
        return id;
    }

    private static async Task<string> CreateAsync(HttpClient client, object body) =>
        (await (await client.PostJsonAsync(Tasks, body)).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetString()!;

    private static async Task<JsonElement> GetAsync(HttpClient client, string id) =>
        await (await client.GetAsync($"{Tasks}/{id}")).JsonAsync(HttpStatusCode.OK);

    private static async Task<JsonElement> FinishedAsync(HttpClient client, string id)
    {
        JsonElement task = default;
        (await WaitFor.ConditionAsync(async _ =>
        {
            task = await GetAsync(client, id);
            return task.GetProperty("status").GetString() is "done" or "failed" or "cancelled";
        }, TimeSpan.FromSeconds(90), TimeSpan.FromMilliseconds(200))).Should().BeTrue($"task {id} finishes: {task}");
        return task;
    }

    private static string? TaskId(JsonElement payload) => payload.TryGetProperty("taskId", out var id) ? id.GetString() : null;

    private static bool Has(SseReader reader, string type, string taskId) => reader.Events.Any(e => e.Type == type && TaskId(e.Payload) == taskId);

    private static string CommandLine(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' '); }
        catch (IOException) { return ""; }
        catch (UnauthorizedAccessException) { return ""; }
    }
}
