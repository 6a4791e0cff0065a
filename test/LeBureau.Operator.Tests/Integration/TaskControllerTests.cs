using k8s;
using k8s.Models;
using LeBureau.Events;
using LeBureau.Operator.Runtime;
using LeBureau.Operator.Tests.Infrastructure;
using LeBureau.Operator.Tests.KubeVirtSimulator;
using LeBureau.Resources;
using LeBureau.Testing;
using StackExchange.Redis;

namespace LeBureau.Operator.Tests.Integration;

/// <summary>
/// Mission control end to end on a real control plane: the operator's DesktopTask controller drives runs on the desktops'
/// agents. Desktops come from the KubeVirt simulator, whose machines outlive an operator restart (the local runtime kills
/// its desktops when the operator stops). The agents are <see cref="FakeRunAgent"/> — the run contract with real bash
/// processes — until the real agent's run API lands; then start the simulator with <c>TestAgent.Binary</c> instead.
/// </summary>
[Collection(OperatorCollection.Name)]
public sealed class TaskControllerTests(ControlPlaneFixture fixture) : IAsyncLifetime
{
    private DesktopApi _desktops = null!;
    private ResourceClient<DesktopTask> _tasks = null!;
    private VirtualMachineSimulator _simulator = null!;
    private FakeRunAgent _agent = null!;
    private OperatorInstance _operator = null!;
    private RedisServer _redis = null!;
    private string _ns = "";

    public async Task InitializeAsync()
    {
        _ns = await fixture.CreateNamespaceAsync("tasks");
        _desktops = new DesktopApi(fixture.Client, _ns);
        _tasks = new ResourceClient<DesktopTask>(new KubeApi(fixture.Client));
        _agent = await FakeRunAgent.StartAsync();
        _simulator = await VirtualMachineSimulator.StartAsync(fixture.Plane, _ns, agentBinary: null, agentPort: _agent.Port);
        _redis = await RedisServer.StartAsync();
        _operator = await StartOperatorAsync();
    }

    public async Task DisposeAsync()
    {
        await _operator.DisposeAsync();
        await _simulator.DisposeAsync();
        await _agent.DisposeAsync();
        await _redis.DisposeAsync();
    }

    private Task<OperatorInstance> StartOperatorAsync() => OperatorInstance.StartAsync(fixture.Plane.KubeconfigPath, _ns, "KubeVirt",
        $"--Operator:AgentPort={_agent.Port}", $"--Redis:ConnectionString={_redis.ConnectionString}");

    private async Task ReadyDesktopAsync(string name, bool running = true)
    {
        await _desktops.CreateAsync(name, s => s.Running = running);
        if (running) await _desktops.WaitAsync(name, d => d.Status.AgentReady, because: $"{name} ready");
        else await _desktops.WaitAsync(name, d => d.Status.Phase == DesktopPhase.Stopped, because: $"{name} stopped");
    }

    private Task<DesktopTask> CreateTaskAsync(string name, string desktop, string content, Action<DesktopTask.DesktopTaskSpec>? spec = null)
    {
        var task = new DesktopTask
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = _ns },
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
        await PatchTaskAsync("ok", new { decision = "approve" });
        var done = await WaitPhaseAsync("ok", TaskPhase.Done);
        done.Status.ReviewedAt.Should().NotBeNull();
        done.Status.CompletedAt.Should().NotBeNull();

        var bad = await CreateTaskAsync("bad", "d1", "echo oops >&2; exit 3");
        var failed = await WaitPhaseAsync("bad", TaskPhase.Failed);
        failed.Status.ExitCode.Should().Be(3);
        failed.Status.Message.Should().Be("exit 3");
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
        System.Text.Json.Nodes.JsonNode.Parse(failure.Payload)!["summary"]!.GetValue<string>().Should().Be("exit 3");
    }

    [Fact]
    public async Task Three_tasks_of_one_desktop_run_one_at_a_time_in_creation_order()
    {
        await ReadyDesktopAsync("d1");
        foreach (var name in new[] { "q1", "q2", "q3" })
        {
            await CreateTaskAsync(name, "d1", $"sleep 1; echo {name}");
            await Task.Delay(1100); // creationTimestamp has second precision: one second apart makes the order the creation order.
        }

        var finished = new List<DesktopTask>();
        foreach (var name in new[] { "q1", "q2", "q3" }) finished.Add(await WaitPhaseAsync(name, TaskPhase.Done, TimeSpan.FromSeconds(60)));

        finished.Select(t => t.Status.Output).Should().Equal("q1\n", "q2\n", "q3\n");
        for (var i = 1; i < 3; i++)
        {
            finished[i].Status.StartedAt.Should().BeOnOrAfter(finished[i - 1].Status.CompletedAt!.Value.AddSeconds(-0.5), "a task starts once the one before it finished");
        }
        _agent.MaxConcurrent.Should().Be(1, "never two runs on one desktop");
    }

    [Fact]
    public async Task Cancel_stops_a_queued_task_before_it_runs_and_kills_a_running_one()
    {
        await ReadyDesktopAsync("d1");
        var running = await CreateTaskAsync("long", "d1", "sleep 60");
        await Task.Delay(1100);
        var queued = await CreateTaskAsync("later", "d1", "echo never");
        await WaitPhaseAsync("long", TaskPhase.Running);
        await WaitTaskAsync("later", t => t.Status.Conditions?.Any(c => c.Reason == ConditionReasons.Queued) == true, "later queued");

        await PatchTaskAsync("later", new { cancel = true });
        var cancelledQueued = await WaitPhaseAsync("later", TaskPhase.Cancelled);
        cancelledQueued.Status.CompletedAt.Should().NotBeNull();
        _agent.Starts(queued.Metadata.Uid).Should().Be(0);

        _agent.IsRunning(running.Metadata.Uid).Should().BeTrue();
        await PatchTaskAsync("long", new { cancel = true });
        await WaitPhaseAsync("long", TaskPhase.Cancelled);
        await Eventually.Until(() => Task.FromResult(_agent.IsRunning(running.Metadata.Uid)), alive => !alive, because: "the run's process is killed");
    }

    [Fact]
    public async Task A_stopped_desktop_makes_a_task_wait_until_start_desktop_starts_it()
    {
        await ReadyDesktopAsync("d1", running: false);
        await CreateTaskAsync("t", "d1", "echo started");
        await WaitTaskAsync("t", t => t.Status.Conditions?.Any(c => c.Reason == ConditionReasons.DesktopStopped) == true, "t waits for the stopped desktop");
        (await _desktops.GetAsync("d1"))!.Spec.Running.Should().BeFalse();

        await PatchTaskAsync("t", new { startDesktop = true });
        var done = await WaitPhaseAsync("t", TaskPhase.Done, TimeSpan.FromSeconds(60));
        done.Status.Output.Should().Be("started\n");
        (await _desktops.GetAsync("d1"))!.Spec.Running.Should().BeTrue("spec.startDesktop started it");
    }

    [Fact]
    public async Task Deleting_a_desktop_fails_its_running_and_queued_tasks_and_a_missing_desktop_fails_a_task()
    {
        await ReadyDesktopAsync("d1");
        await CreateTaskAsync("a", "d1", "sleep 60");
        await Task.Delay(1100);
        await CreateTaskAsync("b", "d1", "echo b");
        await WaitPhaseAsync("a", TaskPhase.Running);

        await _desktops.Client.DeleteAsync(_ns, "d1");

        foreach (var name in new[] { "a", "b" })
        {
            var failed = await WaitPhaseAsync(name, TaskPhase.Failed);
            failed.Status.Message.Should().Be("desktop d1 not found");
        }
        await CreateTaskAsync("orphan", "nowhere", "echo x", s => s.Run = false);
        (await WaitPhaseAsync("orphan", TaskPhase.Failed)).Status.Conditions.Should().Contain(c => c.Reason == ConditionReasons.DesktopNotFound);
    }

    [Fact]
    public async Task An_operator_restart_mid_task_runs_nothing_twice()
    {
        await ReadyDesktopAsync("d1");
        var file = Path.Combine(Directory.CreateTempSubdirectory("lebureau-task-").FullName, "lines");
        var task = await CreateTaskAsync("once", "d1", $"sleep 3; echo x >> {file}");
        await WaitPhaseAsync("once", TaskPhase.Running);

        await _operator.DisposeAsync();
        _operator = await StartOperatorAsync();

        await WaitPhaseAsync("once", TaskPhase.Done, TimeSpan.FromSeconds(60));
        (await File.ReadAllLinesAsync(file)).Should().Equal("x");
        _agent.Starts(task.Metadata.Uid).Should().Be(1);
    }
}
