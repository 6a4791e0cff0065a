using System.Net;
using System.Text.Json;
using k8s;
using LeBureau.ApiServer.Tests.Infrastructure;
using LeBureau.ControlPlane;
using LeBureau.Resources;

namespace LeBureau.ApiServer.Tests.Integration;

/// <summary>Mission control's routes over DesktopTask resources; no operator runs: the tests write the statuses.</summary>
[Collection(ApiCollection.Name)]
public sealed class MissionControlTests(ApiServerFixture fixture)
{
    private const string Tasks = "/api/mission-control/tasks";
    private const string Unknown = "11111111-2222-3333-4444-555555555555";

    /// <summary>A tenant with a key holding every capability and one desktop.</summary>
    private async Task<(string Ns, string Key, Desktop Desktop)> TenantAsync(string prefix)
    {
        var ns = await fixture.CreateNamespaceAsync(prefix);
        return (ns, await fixture.CreateKeyAsync(ns, ApiServerFixture.All), await fixture.CreateDesktopAsync(ns));
    }

    private static async Task<JsonElement> CreateAsync(HttpClient client, object body) =>
        await (await client.PostJsonAsync(Tasks, body)).JsonAsync(HttpStatusCode.Created);

    private static async Task<string> CreateIdAsync(HttpClient client, Desktop desktop, string content = "echo hello", bool requiresApproval = false) =>
        (await CreateAsync(client, new { type = "command", content, desktopId = desktop.Metadata.Uid, requiresApproval })).GetProperty("id").GetString()!;

    private static async Task<string[]> IdsAsync(HttpClient client, string path) =>
        [.. (await (await client.GetAsync(path)).JsonAsync(HttpStatusCode.OK)).EnumerateArray().Select(t => t.GetProperty("id").GetString()!)];

    private static DateTimeOffset CreatedAt(JsonElement task) =>
        DateTimeOffset.Parse(task.GetProperty("createdAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<string> DetailAsync(HttpResponseMessage response, HttpStatusCode expected) =>
        (await response.JsonAsync(expected)).GetProperty("detail").GetString()!;

    [Fact]
    public async Task Create_answers_201_with_the_task_and_makes_a_pending_DesktopTask_on_the_desktop()
    {
        var (ns, key, desktop) = await TenantAsync("mc-create");
        using var client = fixture.CreateClient(key);

        var response = await client.PostJsonAsync(Tasks, new
        {
            type = "command", content = "uname -a", desktopId = desktop.Metadata.Uid, requiresApproval = true, startDesktop = true, timeout = "90s",
        });
        var body = await response.JsonAsync(HttpStatusCode.Created);
        var id = body.GetProperty("id").GetString()!;
        Guid.TryParse(id, out _).Should().BeTrue();
        response.Headers.Location!.ToString().Should().Be($"{Tasks}/{id}");
        body.GetProperty("desktopId").GetString().Should().Be(desktop.Metadata.Uid);
        body.GetProperty("type").GetString().Should().Be("command");
        body.GetProperty("content").GetString().Should().Be("uname -a");
        body.GetProperty("status").GetString().Should().Be("pending");
        body.GetProperty("requiresApproval").GetBoolean().Should().BeTrue();
        body.GetProperty("startDesktop").GetBoolean().Should().BeTrue();
        body.GetProperty("timeout").GetString().Should().Be("90s");
        body.GetProperty("outputTruncated").GetBoolean().Should().BeFalse();
        foreach (var field in new[] { "output", "exitCode", "message", "feedback", "decision", "messageId", "startedAt", "completedAt", "reviewedAt" })
        {
            body.GetProperty(field).ValueKind.Should().Be(JsonValueKind.Null, field);
        }
        body.GetProperty("createdAt").GetString().Should().EndWith("Z");
        CreatedAt(body).Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));

        var task = await fixture.ReadTaskAsync(ns, id);
        task.Metadata.GenerateName.Should().Be("task-");
        task.Metadata.Name.Should().StartWith("task-");
        task.Metadata.Labels.Should().Contain(Labels.Desktop, desktop.Metadata.Name);
        task.Spec.DesktopRef.Should().Be(desktop.Metadata.Name);
        task.Spec.Type.Should().Be(TaskType.Command);
        task.Spec.Content.Should().Be("uname -a");
        task.Spec.RequiresApproval.Should().BeTrue();
        task.Spec.StartDesktop.Should().BeTrue();
        task.Spec.Timeout.Should().Be("90s");
        task.Spec.Run.Should().BeFalse();
        task.Spec.Cancel.Should().BeFalse();
        task.Spec.Decision.Should().BeNull();
    }

    [Fact]
    public async Task Create_defaults_to_a_pending_prompt_with_a_30m_timeout_and_run_true_asks_to_run_at_once()
    {
        var (ns, key, desktop) = await TenantAsync("mc-defaults");
        using var client = fixture.CreateClient(key);

        var prompt = await CreateAsync(client, new { type = "prompt", content = "Open a terminal", desktopId = desktop.Metadata.Uid });
        prompt.GetProperty("type").GetString().Should().Be("prompt");
        prompt.GetProperty("timeout").GetString().Should().Be("30m");
        prompt.GetProperty("requiresApproval").GetBoolean().Should().BeFalse();
        prompt.GetProperty("startDesktop").GetBoolean().Should().BeFalse();
        var pending = await fixture.ReadTaskAsync(ns, prompt.GetProperty("id").GetString()!);
        pending.Spec.Type.Should().Be(TaskType.Prompt);
        pending.Spec.Run.Should().BeFalse();
        pending.Spec.Timeout.Should().Be("30m");

        var now = await CreateAsync(client, new { type = "command", content = "true", desktopId = desktop.Metadata.Uid, run = true });
        (await fixture.ReadTaskAsync(ns, now.GetProperty("id").GetString()!)).Spec.Run.Should().BeTrue();

        var longest = await CreateAsync(client, new { type = "prompt", content = new string('x', 65_536), desktopId = desktop.Metadata.Uid });
        longest.GetProperty("content").GetString().Should().HaveLength(65_536);
    }

    [Fact]
    public async Task List_is_newest_first_and_filters_by_status_and_desktop()
    {
        var (ns, key, first) = await TenantAsync("mc-list");
        using var client = fixture.CreateClient(key);
        var second = await fixture.CreateDesktopAsync(ns);
        var a = await CreateIdAsync(client, first);
        var b = await CreateIdAsync(client, second);
        // creationTimestamp has whole seconds: the newest task is created in a later second than the others.
        var bCreated = CreatedAt(await (await client.GetAsync($"{Tasks}/{b}")).JsonAsync(HttpStatusCode.OK));
        (await WaitFor.ConditionAsync(_ => Task.FromResult(DateTimeOffset.UtcNow >= bCreated.AddSeconds(1.1)), TimeSpan.FromSeconds(5))).Should().BeTrue();
        var c = await CreateIdAsync(client, first);
        await fixture.SetTaskStatusAsync(b, TaskPhase.Running, new { startedAt = "2026-03-15T10:00:00Z" });

        var all = await (await client.GetAsync(Tasks)).JsonAsync(HttpStatusCode.OK);
        var ids = all.EnumerateArray().Select(t => t.GetProperty("id").GetString()).ToList();
        ids.Should().BeEquivalentTo(new[] { a, b, c });
        ids[0].Should().Be(c);
        all.EnumerateArray().Select(CreatedAt).Should().BeInDescendingOrder();

        (await IdsAsync(client, $"{Tasks}?status=running")).Should().Equal(b);
        (await IdsAsync(client, $"{Tasks}?status=pending")).Should().Equal(c, a);
        (await IdsAsync(client, $"{Tasks}?desktopId={first.Metadata.Uid}")).Should().Equal(c, a);
        (await IdsAsync(client, $"{Tasks}?desktopId={second.Metadata.Uid}&status=running")).Should().Equal(b);
        (await IdsAsync(client, $"{Tasks}?desktopId={first.Metadata.Uid}&status=running")).Should().BeEmpty();
        (await IdsAsync(client, $"{Tasks}?status=done")).Should().BeEmpty();
        (await IdsAsync(client, $"{Tasks}?desktopId={Unknown}")).Should().BeEmpty();

        foreach (var bad in new[] { "bogus", "Running", "in-review" })
        {
            (await DetailAsync(await client.GetAsync($"{Tasks}?status={bad}"), HttpStatusCode.BadRequest))
                .Should().Be("'status' must be one of pending, running, review, done, failed, cancelled.");
        }
    }

    [Fact]
    public async Task Get_answers_the_task_with_its_status_and_utc_timestamps_on_both_replicas()
    {
        var (_, key, desktop) = await TenantAsync("mc-get");
        using var client = fixture.CreateClient(key);
        var id = await CreateIdAsync(client, desktop, "ls /");
        await fixture.SetTaskStatusAsync(id, TaskPhase.Done, new
        {
            output = "bin\netc\n", outputTruncated = true, exitCode = 0, messageId = "msg_1",
            startedAt = "2026-03-15T10:00:00Z", completedAt = "2026-03-15T10:05:00.5Z",
        });

        foreach (var server in new[] { fixture.AddressA, fixture.AddressB })
        {
            using var replica = fixture.CreateClient(key, server);
            var task = await (await replica.GetAsync($"{Tasks}/{id}")).JsonAsync(HttpStatusCode.OK);
            task.GetProperty("id").GetString().Should().Be(id);
            task.GetProperty("desktopId").GetString().Should().Be(desktop.Metadata.Uid);
            task.GetProperty("status").GetString().Should().Be("done");
            task.GetProperty("output").GetString().Should().Be("bin\netc\n");
            task.GetProperty("outputTruncated").GetBoolean().Should().BeTrue();
            task.GetProperty("exitCode").GetInt32().Should().Be(0);
            task.GetProperty("messageId").GetString().Should().Be("msg_1");
            task.GetProperty("startedAt").GetString().Should().Be("2026-03-15T10:00:00Z");
            task.GetProperty("completedAt").GetString().Should().Be("2026-03-15T10:05:00.5Z");
            task.GetProperty("reviewedAt").ValueKind.Should().Be(JsonValueKind.Null);
        }

        (await DetailAsync(await client.GetAsync($"{Tasks}/{Unknown}"), HttpStatusCode.NotFound)).Should().Be("Task not found");
        (await DetailAsync(await client.GetAsync($"{Tasks}/not-a-task"), HttpStatusCode.NotFound)).Should().Be("Task not found");
    }

    [Fact]
    public async Task Run_sets_spec_run_and_a_second_run_is_409()
    {
        var (ns, key, desktop) = await TenantAsync("mc-run");
        using var client = fixture.CreateClient(key);
        var id = await CreateIdAsync(client, desktop);

        var run = await (await client.PostAsync($"{Tasks}/{id}/run", null)).JsonAsync(HttpStatusCode.OK);
        run.GetProperty("id").GetString().Should().Be(id);
        run.GetProperty("status").GetString().Should().Be("pending");
        run.GetProperty("run").GetBoolean().Should().BeTrue("the answer says the task was asked to run");
        (await fixture.ReadTaskAsync(ns, id)).Spec.Run.Should().BeTrue();
        (await DetailAsync(await client.PostAsync($"{Tasks}/{id}/run", null), HttpStatusCode.Conflict)).Should().Be("The task was already asked to run.");

        var running = await CreateIdAsync(client, desktop);
        await fixture.SetTaskStatusAsync(running, TaskPhase.Running);
        (await DetailAsync(await client.PostAsync($"{Tasks}/{running}/run", null), HttpStatusCode.Conflict))
            .Should().Be("The task is running; only a pending task can be run.");

        var cancelled = await CreateIdAsync(client, desktop);
        (await (await client.PostAsync($"{Tasks}/{cancelled}/cancel", null)).JsonAsync(HttpStatusCode.OK)).GetProperty("cancelRequested").GetBoolean().Should().BeTrue();
        (await client.PostAsync($"{Tasks}/{cancelled}/run", null)).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await fixture.ReadTaskAsync(ns, cancelled)).Spec.Run.Should().BeFalse();

        (await DetailAsync(await client.PostAsync($"{Tasks}/{Unknown}/run", null), HttpStatusCode.NotFound)).Should().Be("Task not found");
    }

    [Fact]
    public async Task Review_is_409_unless_in_review_and_approve_or_reject_set_the_decision_and_feedback()
    {
        var (ns, key, desktop) = await TenantAsync("mc-review");
        using var client = fixture.CreateClient(key);
        var approved = await CreateIdAsync(client, desktop, requiresApproval: true);
        var rejected = await CreateIdAsync(client, desktop, requiresApproval: true);

        (await DetailAsync(await client.PostJsonAsync($"{Tasks}/{approved}/review", new { decision = "approve" }), HttpStatusCode.Conflict))
            .Should().Be("The task is pending; only a task in review can be approved or rejected.");
        await fixture.SetTaskStatusAsync(approved, TaskPhase.Review, new { output = "done", exitCode = 0 });
        await fixture.SetTaskStatusAsync(rejected, TaskPhase.Review);

        var ok = await (await client.PostJsonAsync($"{Tasks}/{approved}/review", new { decision = "approve", feedback = "Looks right." })).JsonAsync(HttpStatusCode.OK);
        ok.GetProperty("decision").GetString().Should().Be("approve");
        ok.GetProperty("feedback").GetString().Should().Be("Looks right.");
        ok.GetProperty("status").GetString().Should().Be("review");
        var spec = (await fixture.ReadTaskAsync(ns, approved)).Spec;
        spec.Decision.Should().Be(TaskDecision.Approve);
        spec.Feedback.Should().Be("Looks right.");
        (await DetailAsync(await client.PostJsonAsync($"{Tasks}/{approved}/review", new { decision = "reject" }), HttpStatusCode.Conflict))
            .Should().Be("The task was already reviewed (approve).");

        var no = await (await client.PostJsonAsync($"{Tasks}/{rejected}/review", new { decision = "reject" })).JsonAsync(HttpStatusCode.OK);
        no.GetProperty("decision").GetString().Should().Be("reject");
        no.GetProperty("feedback").ValueKind.Should().Be(JsonValueKind.Null);
        (await fixture.ReadTaskAsync(ns, rejected)).Spec.Decision.Should().Be(TaskDecision.Reject);

        await fixture.SetTaskStatusAsync(approved, TaskPhase.Done, new { reviewedAt = "2026-03-15T10:06:00Z" });
        var done = await (await client.GetAsync($"{Tasks}/{approved}")).JsonAsync(HttpStatusCode.OK);
        done.GetProperty("reviewedAt").GetString().Should().Be("2026-03-15T10:06:00Z");
        (await client.PostJsonAsync($"{Tasks}/{approved}/review", new { decision = "approve" })).StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Review_bodies_that_are_not_a_decision_are_400_naming_the_field()
    {
        var (ns, key, desktop) = await TenantAsync("mc-review-bad");
        using var client = fixture.CreateClient(key);
        var id = await CreateIdAsync(client, desktop, requiresApproval: true);
        await fixture.SetTaskStatusAsync(id, TaskPhase.Review);

        var bodies = new (string Json, string Detail)[]
        {
            ("{\"decision\":\"maybe\"}", "Invalid value for 'decision'."),
            ("{\"decision\":\"APPROVED\"}", "Invalid value for 'decision'."),
            ("{}", "'decision' is required (approve or reject)."),
            ("{\"decision\":null}", "'decision' is required (approve or reject)."),
            ("{\"decision\":\"approve\",\"feedback\":7}", "Invalid value for 'feedback'."),
            ($"{{\"decision\":\"approve\",\"feedback\":\"{new string('f', 8193)}\"}}", "'feedback' is 8193 characters long; at most 8192 are accepted."),
            ("{\"decision\":", "The request body is not valid JSON."),
            ("null", "A JSON body is required."),
        };
        foreach (var (json, detail) in bodies)
        {
            (await DetailAsync(await client.PostRawAsync($"{Tasks}/{id}/review", json), HttpStatusCode.BadRequest)).Should().StartWith(detail[..^1], json[..Math.Min(json.Length, 40)]);
        }
        (await fixture.ReadTaskAsync(ns, id)).Spec.Decision.Should().BeNull();
        (await client.PostJsonAsync($"{Tasks}/{id}/review", new { decision = "approve", feedback = new string('f', 8192) })).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Cancel_sets_spec_cancel_until_the_task_has_finished_then_is_409()
    {
        var (ns, key, desktop) = await TenantAsync("mc-cancel");
        using var client = fixture.CreateClient(key);
        var pending = await CreateIdAsync(client, desktop);
        var cancelled = await (await client.PostAsync($"{Tasks}/{pending}/cancel", null)).JsonAsync(HttpStatusCode.OK);
        cancelled.GetProperty("id").GetString().Should().Be(pending);
        (await fixture.ReadTaskAsync(ns, pending)).Spec.Cancel.Should().BeTrue();
        (await client.PostAsync($"{Tasks}/{pending}/cancel", null)).StatusCode.Should().Be(HttpStatusCode.OK, "asking again before the operator acts changes nothing");

        var running = await CreateIdAsync(client, desktop);
        await fixture.SetTaskStatusAsync(running, TaskPhase.Running);
        (await client.PostAsync($"{Tasks}/{running}/cancel", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await fixture.ReadTaskAsync(ns, running)).Spec.Cancel.Should().BeTrue();

        foreach (var phase in new[] { TaskPhase.Done, TaskPhase.Failed, TaskPhase.Cancelled })
        {
            var finished = await CreateIdAsync(client, desktop);
            await fixture.SetTaskStatusAsync(finished, phase);
            var name = JsonSerializer.Serialize(phase).Trim('"');
            (await DetailAsync(await client.PostAsync($"{Tasks}/{finished}/cancel", null), HttpStatusCode.Conflict)).Should().Be($"The task is already {name}.");
            (await fixture.ReadTaskAsync(ns, finished)).Spec.Cancel.Should().BeFalse();
        }
        (await client.PostAsync($"{Tasks}/{Unknown}/cancel", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Approvals_lists_only_the_tasks_waiting_for_a_review_decision()
    {
        var (_, key, desktop) = await TenantAsync("mc-approvals");
        using var client = fixture.CreateClient(key);
        var waiting = new List<string>();
        foreach (var phase in new[] { TaskPhase.Review, TaskPhase.Running, TaskPhase.Review, TaskPhase.Done, TaskPhase.Failed })
        {
            var id = await CreateIdAsync(client, desktop, requiresApproval: true);
            await fixture.SetTaskStatusAsync(id, phase);
            if (phase == TaskPhase.Review) waiting.Add(id);
        }
        var pending = await CreateIdAsync(client, desktop, requiresApproval: true);
        var decided = await CreateIdAsync(client, desktop, requiresApproval: true);
        await fixture.SetTaskStatusAsync(decided, TaskPhase.Review);
        (await client.PostJsonAsync($"{Tasks}/{decided}/review", new { decision = "approve" })).StatusCode.Should().Be(HttpStatusCode.OK);

        var approvals = await (await client.GetAsync("/api/mission-control/approvals")).JsonAsync(HttpStatusCode.OK);
        approvals.EnumerateArray().Select(t => t.GetProperty("id").GetString()).Should().BeEquivalentTo(waiting);
        approvals.EnumerateArray().Should().OnlyContain(t => t.GetProperty("status").GetString() == "review");
        (await IdsAsync(client, $"{Tasks}?status=review")).Should().BeEquivalentTo(waiting.Append(decided)).And.NotContain(pending);
    }

    [Fact]
    public async Task Create_refuses_bad_input_with_400_naming_the_field_and_unknown_desktops_with_404()
    {
        var (ns, key, desktop) = await TenantAsync("mc-bad");
        using var client = fixture.CreateClient(key);
        var d = desktop.Metadata.Uid;
        var bodies = new (string Json, string Detail)[]
        {
            ($"{{\"type\":\"script\",\"content\":\"x\",\"desktopId\":\"{d}\"}}", "Invalid value for 'type'."),
            ($"{{\"content\":\"x\",\"desktopId\":\"{d}\"}}", "'type' is required (prompt or command)."),
            ($"{{\"type\":\"command\",\"desktopId\":\"{d}\"}}", "'content' is required."),
            ($"{{\"type\":\"command\",\"content\":\"\",\"desktopId\":\"{d}\"}}", "'content' must not be empty."),
            ($"{{\"type\":\"command\",\"content\":\" \\n\\t \",\"desktopId\":\"{d}\"}}", "'content' must not be empty."),
            ($"{{\"type\":\"command\",\"content\":5,\"desktopId\":\"{d}\"}}", "Invalid value for 'content'."),
            ($"{{\"type\":\"prompt\",\"content\":\"{new string('x', 65_537)}\",\"desktopId\":\"{d}\"}}", "'content' is 65537 characters long; at most 65536 are accepted."),
            ("{\"type\":\"command\",\"content\":\"x\"}", "'desktopId' is required."),
            ("{\"type\":\"command\",\"content\":\"x\",\"desktopId\":\"\"}", "'desktopId' is required."),
            ($"{{\"type\":\"command\",\"content\":\"x\",\"desktopId\":\"{d}\",\"timeout\":\"soon\"}}", "'timeout' must be a duration greater than zero, such as 90s, 30m or 1h30m."),
            ($"{{\"type\":\"command\",\"content\":\"x\",\"desktopId\":\"{d}\",\"timeout\":\"-5m\"}}", "'timeout' must be a duration greater than zero, such as 90s, 30m or 1h30m."),
            ($"{{\"type\":\"command\",\"content\":\"x\",\"desktopId\":\"{d}\",\"timeout\":\"0s\"}}", "'timeout' must be a duration greater than zero, such as 90s, 30m or 1h30m."),
            ($"{{\"type\":\"command\",\"content\":\"x\",\"desktopId\":\"{d}\",\"timeout\":\"30\"}}", "'timeout' must be a duration greater than zero, such as 90s, 30m or 1h30m."),
            ($"{{\"type\":\"command\",\"content\":\"x\",\"desktopId\":\"{d}\",\"timeout\":30}}", "Invalid value for 'timeout'."),
            ($"{{\"type\":\"command\",\"content\":\"x\",\"desktopId\":\"{d}\",\"requiresApproval\":\"yes\"}}", "Invalid value for 'requiresApproval'."),
            ($"{{\"type\":\"command\",\"content\":\"x\",\"desktopId\":\"{d}\",\"run\":1}}", "Invalid value for 'run'."),
            ("{\"type\":\"command\",", "The request body is not valid JSON."),
            ("not json at all", "The request body is not valid JSON."),
            ("null", "A JSON body is required."),
        };
        foreach (var (json, detail) in bodies)
        {
            (await DetailAsync(await client.PostRawAsync(Tasks, json), HttpStatusCode.BadRequest))
                .Should().StartWith(detail[..^1], json[..Math.Min(json.Length, 60)]);
        }

        (await DetailAsync(await client.PostJsonAsync(Tasks, new { type = "command", content = "x", desktopId = Unknown }), HttpStatusCode.NotFound))
            .Should().Be("Desktop not found");
        (await DetailAsync(await client.PostJsonAsync(Tasks, new { type = "command", content = "x", desktopId = "desk-1" }), HttpStatusCode.NotFound))
            .Should().Be("Desktop not found");
        (await fixture.Client.CustomObjects.ListNamespacedCustomObjectAsync<Operator.Runtime.ObjectList<DesktopTask>>(
            Desktop.Group, Desktop.Version, ns, DesktopTask.Plural)).Items.Should().BeEmpty();
    }

    [Fact]
    public async Task Create_on_a_desktop_being_deleted_is_409_and_makes_no_task()
    {
        var (ns, key, desktop) = await TenantAsync("mc-deleting");
        using var client = fixture.CreateClient(key);
        const string hold = "test.lebureau.io/hold";
        await fixture.Client.CustomObjects.PatchNamespacedCustomObjectAsync<Desktop>(
            new k8s.Models.V1Patch(JsonSerializer.Serialize(new { metadata = new { finalizers = new[] { hold } } }), k8s.Models.V1Patch.PatchType.MergePatch),
            Desktop.Group, Desktop.Version, ns, Desktop.Plural, desktop.Metadata.Name);
        await fixture.Client.CustomObjects.DeleteNamespacedCustomObjectAsync(Desktop.Group, Desktop.Version, ns, Desktop.Plural, desktop.Metadata.Name);
        await fixture.WaitForDesktopAsync(desktop.Metadata.Uid, d => d.Metadata.DeletionTimestamp is not null);

        var detail = await DetailAsync(await client.PostJsonAsync(Tasks, new { type = "command", content = "x", desktopId = desktop.Metadata.Uid }), HttpStatusCode.Conflict);

        detail.Should().Contain("being deleted");
        (await fixture.Client.CustomObjects.ListNamespacedCustomObjectAsync<Operator.Runtime.ObjectList<DesktopTask>>(
            Desktop.Group, Desktop.Version, ns, DesktopTask.Plural)).Items.Should().BeEmpty();
        await fixture.Client.CustomObjects.PatchNamespacedCustomObjectAsync<Desktop>(
            new k8s.Models.V1Patch("{\"metadata\":{\"finalizers\":null}}", k8s.Models.V1Patch.PatchType.MergePatch),
            Desktop.Group, Desktop.Version, ns, Desktop.Plural, desktop.Metadata.Name);
    }
}
