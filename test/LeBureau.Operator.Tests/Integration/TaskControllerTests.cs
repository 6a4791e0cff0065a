using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using k8s;
using k8s.Models;
using LeBureau.AgentContract;
using LeBureau.Events;
using LeBureau.Operator.Desktops;
using LeBureau.Operator.Runtime;
using LeBureau.Operator.Tests.Infrastructure;
using LeBureau.Operator.Tests.KubeVirtSimulator;
using LeBureau.Resources;
using LeBureau.Testing;
using StackExchange.Redis;

namespace LeBureau.Operator.Tests.Integration;

/// <summary>
/// Mission control end to end on a real control plane: the operator's DesktopTask controller drives runs on the real
/// desktop agents. Desktops come from the KubeVirt simulator, which starts <see cref="TestAgent.Binary"/> on each
/// machine's loopback address with a data folder of its own (runs are kept there); its machines outlive an operator
/// restart (the local runtime kills its desktops when the operator stops). What the tests check is what the world
/// shows: files the commands write, the runs as the agent records them, the processes under /proc.
/// </summary>
[Collection(OperatorCollection.Name)]
public sealed class TaskControllerTests(ControlPlaneFixture fixture) : IAsyncLifetime
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private DesktopApi _desktops = null!;
    private ResourceClient<DesktopTask> _tasks = null!;
    private VirtualMachineSimulator _simulator = null!;
    private OperatorInstance _operator = null!;
    private RedisServer _redis = null!;
    private string _ns = "";
    private int _agentPort;
    private string _scratch = "";

    public async Task InitializeAsync()
    {
        _ns = await fixture.CreateNamespaceAsync("tasks");
        _desktops = new DesktopApi(fixture.Client, _ns);
        _tasks = new ResourceClient<DesktopTask>(new KubeApi(fixture.Client));
        _scratch = Directory.CreateTempSubdirectory("lebureau-task-").FullName;
        // Every machine has a loopback address of its own; a free port keeps clear of other agents on this host.
        _agentPort = FreePort.Next();
        _simulator = await VirtualMachineSimulator.StartAsync(fixture.Plane, _ns, TestAgent.Binary, agentPort: _agentPort);
        _redis = await RedisServer.StartAsync();
        _operator = await StartOperatorAsync();
    }

    public async Task DisposeAsync()
    {
        await _operator.DisposeAsync();
        await _simulator.DisposeAsync();
        await _redis.DisposeAsync();
        try { Directory.Delete(_scratch, recursive: true); } catch (IOException) { }
    }

    private Task<OperatorInstance> StartOperatorAsync() => OperatorInstance.StartAsync(fixture.Plane.KubeconfigPath, _ns, "KubeVirt",
        $"--Operator:AgentPort={_agentPort}", $"--Redis:ConnectionString={_redis.ConnectionString}");

    private async Task ReadyDesktopAsync(string name, bool running = true)
    {
        await _desktops.CreateAsync(name, s => s.Running = running);
        if (running) await _desktops.WaitAsync(name, d => d.Status.AgentReady, TimeSpan.FromSeconds(60), because: $"{name} ready");
        else await _desktops.WaitAsync(name, d => d.Status.Phase == DesktopPhase.Stopped, because: $"{name} stopped");
    }

    /// <summary>
    /// Creates a command task. It carries the precise creation time the api-server gives its tasks, so that tasks
    /// created within one second (creationTimestamp has whole seconds) still queue in creation order.
    /// </summary>
    private Task<DesktopTask> CreateTaskAsync(string name, string desktop, string content, Action<DesktopTask.DesktopTaskSpec>? spec = null)
    {
        var task = new DesktopTask
        {
            Metadata = new V1ObjectMeta
            {
                Name = name, NamespaceProperty = _ns,
                Annotations = new Dictionary<string, string> { [Annotations.CreatedAt] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture) },
            },
            Spec = new DesktopTask.DesktopTaskSpec { DesktopRef = desktop, Type = TaskType.Command, Content = content, Run = true },
        };
        spec?.Invoke(task.Spec);
        return _tasks.CreateAsync(task);
    }

    private Task<DesktopTask> WaitTaskAsync(string name, Func<DesktopTask, bool> done, string because, TimeSpan? timeout = null) =>
        Eventually.Until(async () => (await _tasks.GetAsync(_ns, name))!, t => t is not null && done(t), timeout ?? TimeSpan.FromSeconds(45), because);

    private Task<DesktopTask> WaitPhaseAsync(string name, TaskPhase phase, TimeSpan? timeout = null) =>
        WaitTaskAsync(name, t => t.Status.Phase == phase, $"{name} {phase}", timeout);

    private Task PatchTaskAsync(string name, object spec) => _tasks.MergePatchAsync(_ns, name, new { spec });

    /// <summary>
    /// GET runs/{id} on the real agent of <paramref name="desktop"/>, with the desktop's agent token from its Secret:
    /// the run as the agent recorded it, or null on 404 (the agent never started it).
    /// </summary>
    private async Task<RunState?> AgentRunAsync(string desktop, string id)
    {
        var endpoint = (await _desktops.GetAsync(desktop))!.Status.AgentEndpoint!;
        var secret = await fixture.Client.CoreV1.ReadNamespacedSecretAsync(DesktopNames.AgentTokenSecret(desktop), _ns);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{endpoint.TrimEnd('/')}/{AgentRoutes.Run(id)}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Encoding.UTF8.GetString(secret.Data[DesktopNames.TokenKey]));
        using var response = await Http.SendAsync(request);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<RunState>())!;
    }

    /// <summary>A marker unique to this test run, safe in a command line (digits only, so it can be a sleep's fraction).</summary>
    private static string NewMarker() => Random.Shared.NextInt64(100_000_000_000, 999_999_999_999).ToString(CultureInfo.InvariantCulture);

    /// <summary>The pids of the processes whose command line contains <paramref name="marker"/> (a scan of /proc/*/cmdline).</summary>
    private static List<int> ProcessesWith(string marker)
    {
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || pid == Environment.ProcessId) continue;
            try
            {
                if (File.ReadAllText(Path.Combine(directory, "cmdline")).Contains(marker, StringComparison.Ordinal)) found.Add(pid);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone meanwhile.
            }
        }
        return found;
    }

    [Fact]
    public async Task A_command_task_runs_end_to_end_and_each_transition_is_published_once()
    {
        await ReadyDesktopAsync("d1");
        var desktopUid = (await _desktops.GetAsync("d1"))!.Metadata.Uid;

        var ok = await CreateTaskAsync("ok", "d1", "echo hello from the task; echo done", s => s.RequiresApproval = true);
        var review = await WaitPhaseAsync("ok", TaskPhase.Review);
        review.Status.Output.Should().Be("hello from the task\ndone\n");
        review.Status.ExitCode.Should().Be(0);
        review.Status.RunId.Should().Be(ok.Metadata.Uid);
        review.Status.StartedAt.Should().NotBeNull();
        var run = (await AgentRunAsync("d1", ok.Metadata.Uid))!;
        run.Status.Should().Be(RunStatus.Succeeded, "the desktop's agent ran it, under the task's uid");
        review.Status.StartedAt!.Value.Should().BeCloseTo(run.StartedAt, TimeSpan.FromSeconds(1));
        await PatchTaskAsync("ok", new { decision = "approve" });
        var done = await WaitPhaseAsync("ok", TaskPhase.Done);
        done.Status.ReviewedAt.Should().NotBeNull();
        done.Status.CompletedAt.Should().NotBeNull();

        var bad = await CreateTaskAsync("bad", "d1", "echo oops >&2; exit 3");
        var failed = await WaitPhaseAsync("bad", TaskPhase.Failed);
        failed.Status.ExitCode.Should().Be(3);
        failed.Status.Output.Should().Be("\n[stderr]\noops\n", "the agent appends stderr after a [stderr] line");
        failed.Status.Message.Should().Be("the command exited with code 3", "the agent's error explains the failure");
        (await fixture.Client.CoreV1.ListNamespacedEventAsync(_ns)).Items
            .Should().Contain(e => e.InvolvedObject.Name == "bad" && e.Type == "Warning" && e.Reason == ConditionReasons.TaskFailed);

        await using var mux = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
        var log = new RedisEventLog(mux, new EventStreamOptions { ConnectionString = _redis.ConnectionString });
        string[] expected =
        [
            EventTypes.TaskCreated, EventTypes.TaskStarted, EventTypes.TaskReview, EventTypes.ApprovalCreated,
            EventTypes.ApprovalResolved, EventTypes.TaskCompleted,
        ];
        var events = await Eventually.Until(() => log.ReadAfterAsync(_ns, StreamId.Zero),
            all => expected.All(t => all.Any(e => e.Type == t && e.Payload.Contains(ok.Metadata.Uid, StringComparison.Ordinal)))
                   && all.Any(e => e.Type == EventTypes.TaskFailed), because: "the task events reach Redis");
        var ofOk = events.Where(e => e.Type.StartsWith("task.", StringComparison.Ordinal) || e.Type.StartsWith("approval.", StringComparison.Ordinal))
            .Where(e => e.Payload.Contains(ok.Metadata.Uid, StringComparison.Ordinal)).ToList();
        ofOk.Select(e => e.Type).Should().Equal(expected, "each transition is published once, in order");
        foreach (var e in ofOk)
        {
            var payload = System.Text.Json.Nodes.JsonNode.Parse(e.Payload)!.AsObject();
            payload["taskId"]!.GetValue<string>().Should().Be(ok.Metadata.Uid);
            payload["desktopId"]!.GetValue<string>().Should().Be(desktopUid);
            payload["summary"]!.GetValue<string>().Length.Should().BeLessThanOrEqualTo(200);
            e.Payload.Should().NotContain("hello from the task", "events never carry the output or the content");
        }
        System.Text.Json.Nodes.JsonNode.Parse(ofOk[^1].Payload)!["completedAt"]!.GetValue<string>().Should().EndWith("Z");
        var failure = events.Single(e => e.Type == EventTypes.TaskFailed);
        System.Text.Json.Nodes.JsonNode.Parse(failure.Payload)!["summary"]!.GetValue<string>().Should().Be("the command exited with code 3");
    }

        [Fact]
    public async Task Three_tasks_of_one_desktop_run_one_at_a_time_in_creation_order()
    {
        await ReadyDesktopAsync("d1");
        var log = Path.Combine(_scratch, "order");
        var names = new[] { "q1", "q2", "q3" };
        var created = new List<DesktopTask>();
        // Created back to back (one second apart no more): the precise creation time orders them.
        foreach (var name in names) created.Add(await CreateTaskAsync(name, "d1", $"echo start {name} >> {log}; sleep 1; echo end {name} >> {log}; echo {name}"));

        var finished = new List<DesktopTask>();
        foreach (var name in names) finished.Add(await WaitPhaseAsync(name, TaskPhase.Done, TimeSpan.FromSeconds(60)));

        finished.Select(t => t.Status.Output).Should().Equal("q1\n", "q2\n", "q3\n");
        (await File.ReadAllLinesAsync(log)).Should().Equal(
            ["start q1", "end q1", "start q2", "end q2", "start q3", "end q3"], "each command ran alone, in creation order");
        var runs = new List<RunState>();
        foreach (var task in created) runs.Add((await AgentRunAsync("d1", task.Metadata.Uid))!);
        runs.Should().OnlyContain(r => r.Status == RunStatus.Succeeded && r.CompletedAt != null);
        for (var i = 1; i < runs.Count; i++)
        {
            runs[i].StartedAt.Should().BeOnOrAfter(runs[i - 1].CompletedAt!.Value, "the agent started each run after the one before it ended: never two at once");
            finished[i].Status.StartedAt.Should().BeOnOrAfter(finished[i - 1].Status.CompletedAt!.Value, "a task starts once the one before it finished");
        }
    }

    [Fact]
    public async Task Cancel_stops_a_queued_task_before_it_runs_and_kills_a_running_one()
    {
        await ReadyDesktopAsync("d1");
        var marker = NewMarker();
        var never = Path.Combine(_scratch, "never");
        // bash stays for the echo after the sleep: both processes carry the marker in their command lines.
        var running = await CreateTaskAsync("long", "d1", $"sleep 60.{marker}; echo {marker}");
        var queued = await CreateTaskAsync("later", "d1", $"echo never >> {never}");
        await WaitPhaseAsync("long", TaskPhase.Running);
        await WaitTaskAsync("later", t => t.Status.Conditions?.Any(c => c.Reason == ConditionReasons.Queued) == true, "later queued");
        (await Eventually.Until(() => Task.FromResult(ProcessesWith(marker)), pids => pids.Count >= 2, because: "the long command's processes run"))
            .Should().HaveCountGreaterThanOrEqualTo(2);

        await PatchTaskAsync("later", new { cancel = true });
        var cancelledQueued = await WaitPhaseAsync("later", TaskPhase.Cancelled);
        cancelledQueued.Status.CompletedAt.Should().NotBeNull();
        (await AgentRunAsync("d1", queued.Metadata.Uid)).Should().BeNull("a queued task cancelled never reaches the agent");
        ProcessesWith(marker).Should().NotBeEmpty("cancelling the queued task leaves the running one alone");

        await PatchTaskAsync("long", new { cancel = true });
        await WaitPhaseAsync("long", TaskPhase.Cancelled);
        await Eventually.Until(() => Task.FromResult(ProcessesWith(marker)), pids => pids.Count == 0, because: "the run's processes are killed");
        (await AgentRunAsync("d1", running.Metadata.Uid))!.Status.Should().Be(RunStatus.Cancelled);
        (await AgentRunAsync("d1", queued.Metadata.Uid)).Should().BeNull("nothing started the cancelled task later");
        File.Exists(never).Should().BeFalse();
    }

    [Fact]
    public async Task A_stopped_desktop_makes_a_task_wait_until_start_desktop_starts_it()
    {
        await ReadyDesktopAsync("d1", running: false);
        var task = await CreateTaskAsync("t", "d1", "echo started");
        await WaitTaskAsync("t", t => t.Status.Conditions?.Any(c => c.Reason == ConditionReasons.DesktopStopped) == true, "t waits for the stopped desktop");
        (await _desktops.GetAsync("d1"))!.Spec.Running.Should().BeFalse();

        await PatchTaskAsync("t", new { startDesktop = true });
        var done = await WaitPhaseAsync("t", TaskPhase.Done, TimeSpan.FromSeconds(60));
        done.Status.Output.Should().Be("started\n");
        (await _desktops.GetAsync("d1"))!.Spec.Running.Should().BeTrue("spec.startDesktop started it");
        (await AgentRunAsync("d1", task.Metadata.Uid))!.Output.Should().Be("started\n", "the desktop's own agent ran it");
    }

    [Fact]
    public async Task Deleting_a_desktop_fails_its_running_and_queued_tasks_and_a_missing_desktop_fails_a_task()
    {
        await ReadyDesktopAsync("d1");
        var marker = NewMarker();
        var never = Path.Combine(_scratch, "never");
        await CreateTaskAsync("a", "d1", $"sleep 60.{marker}; echo {marker}");
        await CreateTaskAsync("b", "d1", $"echo b >> {never}");
        await WaitPhaseAsync("a", TaskPhase.Running);
        await Eventually.Until(() => Task.FromResult(ProcessesWith(marker)), pids => pids.Count > 0, because: "a's command runs");

        await _desktops.Client.DeleteAsync(_ns, "d1");

        foreach (var name in new[] { "a", "b" })
        {
            var failed = await WaitPhaseAsync(name, TaskPhase.Failed);
            failed.Status.Message.Should().Be("desktop d1 not found");
        }
        await Eventually.Until(() => Task.FromResult(ProcessesWith(marker)), pids => pids.Count == 0, because: "the deleted desktop's run went with it");
        File.Exists(never).Should().BeFalse("b never ran");
        await CreateTaskAsync("orphan", "nowhere", "echo x", s => s.Run = false);
        (await WaitPhaseAsync("orphan", TaskPhase.Failed)).Status.Conditions.Should().Contain(c => c.Reason == ConditionReasons.DesktopNotFound);
    }

    [Fact]
    public async Task Deleting_a_running_task_kills_its_run_on_the_desktop()
    {
        await ReadyDesktopAsync("d1");
        var marker = NewMarker();
        var task = await CreateTaskAsync("doomed", "d1", $"sleep 60.{marker}; echo {marker}");
        await WaitPhaseAsync("doomed", TaskPhase.Running);
        await Eventually.Until(() => Task.FromResult(ProcessesWith(marker)), pids => pids.Count > 0, because: "the command runs");

        await _tasks.DeleteAsync(_ns, "doomed");

        await Eventually.Until(() => Task.FromResult(ProcessesWith(marker)), pids => pids.Count == 0, because: "a deleted task leaves nothing running on the desktop");
        (await AgentRunAsync("d1", task.Metadata.Uid))!.Status.Should().Be(RunStatus.Cancelled, "the operator cancelled the run on the agent");
    }

    [Fact]
    public async Task A_prompt_task_on_a_desktop_without_chat_fails_at_once_with_the_agents_reason()
    {
        await ReadyDesktopAsync("d1");
        var task = await CreateTaskAsync("ask", "d1", "What is on the screen?", s => s.Type = TaskType.Prompt);

        var failed = await WaitPhaseAsync("ask", TaskPhase.Failed);

        failed.Status.Conditions.Should().Contain(c => c.Type == ConditionTypes.Completed && c.Reason == ConditionReasons.RunRejected);
        failed.Status.Message.Should().Contain("not configured", "the agent says why: no chat provider");
        (await AgentRunAsync("d1", task.Metadata.Uid)).Should().BeNull("nothing ran");
    }

    [Fact]
    public async Task An_operator_restart_mid_task_runs_nothing_twice()
    {
        await ReadyDesktopAsync("d1");
        var file = Path.Combine(_scratch, "lines");
        var task = await CreateTaskAsync("once", "d1", $"sleep 3; echo x >> {file}");
        var running = await WaitPhaseAsync("once", TaskPhase.Running);

        await _operator.DisposeAsync();
        _operator = await StartOperatorAsync();

        var done = await WaitPhaseAsync("once", TaskPhase.Done, TimeSpan.FromSeconds(60));
        (await File.ReadAllLinesAsync(file)).Should().Equal(["x"], "the command ran exactly once");
        var run = (await AgentRunAsync("d1", task.Metadata.Uid))!;
        run.Status.Should().Be(RunStatus.Succeeded);
        run.StartedAt.Should().BeCloseTo(running.Status.StartedAt!.Value, TimeSpan.FromSeconds(1), "the new operator adopted the run the first one started");
        done.Status.StartedAt.Should().Be(running.Status.StartedAt);
    }
}
