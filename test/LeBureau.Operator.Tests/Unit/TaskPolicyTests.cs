using System.Text.Json;
using k8s.Models;
using LeBureau.AgentContract;
using LeBureau.Operator.Tasks;
using LeBureau.Resources;

namespace LeBureau.Operator.Tests.Unit;

/// <summary>The decisions of mission control at fixed times, without a cluster.</summary>
public sealed class TaskPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static DesktopTask Task(string name = "t1", TaskPhase? phase = TaskPhase.Pending, bool run = true, int createdSecondsAgo = 60,
        Action<DesktopTask.DesktopTaskSpec>? spec = null, Action<DesktopTask.DesktopTaskStatus>? status = null)
    {
        var task = new DesktopTask
        {
            Metadata = new V1ObjectMeta
            {
                Name = name, NamespaceProperty = "alice", Uid = $"uid-{name}", Generation = 2,
                CreationTimestamp = Now.AddSeconds(-createdSecondsAgo).UtcDateTime,
            },
            Spec = new DesktopTask.DesktopTaskSpec { DesktopRef = "d1", Type = TaskType.Command, Content = "echo hi", Run = run },
            Status = new DesktopTask.DesktopTaskStatus { Phase = phase },
        };
        spec?.Invoke(task.Spec);
        status?.Invoke(task.Status);
        return task;
    }

    private static Desktop Desk(bool running = true, DesktopPhase phase = DesktopPhase.Running, bool agentReady = true) => new()
    {
        Metadata = new V1ObjectMeta { Name = "d1", NamespaceProperty = "alice", Uid = "desk-uid" },
        Spec = new Desktop.DesktopSpec { DisplayName = "d1", Running = running },
        Status = new Desktop.DesktopStatus { Phase = phase, AgentReady = agentReady, AgentEndpoint = agentReady ? "http://127.77.0.2:8080" : null },
    };

    private static RunObservation Run(RunStatus status, string output = "hi\n", int? exit = null, string? error = null, DateTimeOffset? startedAt = null) =>
        RunObservation.Found(new RunState("uid-t1", RunKind.Command, status, output, false, exit, null, error, startedAt ?? Now.AddSeconds(-5), null));

    private static TaskPlan Decide(DesktopTask task, Desktop? desktop = null, RunObservation? run = null, params DesktopTask[] siblings) =>
        TaskPolicy.Decide(task, desktop, [task, .. siblings], run, Now);

    private static Condition? Condition(TaskPlan plan, string type) => plan.Status.Conditions?.SingleOrDefault(c => c.Type == type);

    [Fact]
    public void A_new_task_becomes_pending_with_its_generation_and_nothing_else()
    {
        var plan = Decide(Task(phase: null), Desk());

        plan.Action.Should().Be(TaskAction.None);
        plan.Status.Phase.Should().Be(TaskPhase.Pending);
        plan.Status.ObservedGeneration.Should().Be(2);
        plan.Status.Conditions.Should().BeNull();
    }

    [Fact]
    public void A_task_without_run_stays_pending()
    {
        var plan = Decide(Task(run: false), Desk());

        plan.Action.Should().Be(TaskAction.None);
        plan.Status.Phase.Should().Be(TaskPhase.Pending);
        plan.RequeueAfter.Should().BeNull();
    }

    [Fact]
    public void A_runnable_task_on_a_ready_desktop_asks_the_agent_first_then_starts_with_its_uid_as_run_id()
    {
        var task = Task(spec: s => s.Timeout = "90s");
        Decide(task, Desk()).Action.Should().Be(TaskAction.ObserveRun);

        var plan = Decide(task, Desk(), RunObservation.Missing);

        plan.Action.Should().Be(TaskAction.StartRun);
        plan.Request.Should().Be(new RunRequest("uid-t1", RunKind.Command, "echo hi", 90_000));
    }

    [Fact]
    public void An_existing_run_is_adopted_not_started_again()
    {
        var plan = Decide(Task(), Desk(), Run(RunStatus.Running, startedAt: Now.AddSeconds(-3)));

        plan.Action.Should().Be(TaskAction.None);
        plan.Status.Phase.Should().Be(TaskPhase.Running);
        plan.Status.RunId.Should().Be("uid-t1");
        plan.Status.StartedAt.Should().Be(Now.AddSeconds(-3));
        plan.Status.Output.Should().Be("hi\n");
        plan.RequeueAfter.Should().Be(TaskPolicy.PollInterval);
        Condition(plan, ConditionTypes.DesktopAvailable)!.Reason.Should().Be(ConditionReasons.TaskRunning);
    }

    [Fact]
    public void A_prompt_task_starts_a_prompt_run()
    {
        var plan = Decide(Task(spec: s => { s.Type = TaskType.Prompt; s.Content = "say hi"; }), Desk(), RunObservation.Missing);

        plan.Request!.Kind.Should().Be(RunKind.Prompt);
        plan.Request.TimeoutMs.Should().Be(30 * 60 * 1000, "the default timeout is 30 minutes");
    }

    [Fact]
    public void A_running_task_is_polled_and_copies_the_run()
    {
        var task = Task(phase: TaskPhase.Running, status: s => { s.StartedAt = Now.AddSeconds(-5); s.RunId = "uid-t1"; });
        Decide(task, Desk()).Action.Should().Be(TaskAction.ObserveRun);

        var plan = Decide(task, Desk(), Run(RunStatus.Running, output: "partial"));

        plan.Status.Output.Should().Be("partial");
        plan.RequeueAfter.Should().Be(TaskPolicy.PollInterval);
    }

    [Fact]
    public void A_succeeded_run_is_done_with_output_and_exit_code()
    {
        var task = Task(phase: TaskPhase.Running, status: s => s.StartedAt = Now.AddSeconds(-5));

        var plan = Decide(task, Desk(), Run(RunStatus.Succeeded, output: "42\n", exit: 0));

        plan.Status.Phase.Should().Be(TaskPhase.Done);
        plan.Status.Output.Should().Be("42\n");
        plan.Status.ExitCode.Should().Be(0);
        plan.Status.CompletedAt.Should().Be(Now);
        plan.Status.Message.Should().BeNull();
        Condition(plan, ConditionTypes.Completed)!.Should().Match<Condition>(c => c.Status == ConditionStatus.True && c.Reason == ConditionReasons.Succeeded);
        Condition(plan, ConditionTypes.DesktopAvailable).Should().BeNull();
        plan.RequeueAfter.Should().BeNull();
    }

    [Fact]
    public void A_succeeded_run_that_needs_approval_goes_to_review()
    {
        var task = Task(phase: TaskPhase.Running, spec: s => s.RequiresApproval = true, status: s => s.StartedAt = Now.AddSeconds(-5));

        var plan = Decide(task, Desk(), Run(RunStatus.Succeeded, exit: 0));

        plan.Status.Phase.Should().Be(TaskPhase.Review);
        plan.Status.CompletedAt.Should().BeNull();
    }

    [Theory]
    [InlineData(RunStatus.Failed, TaskPhase.Failed, "TaskFailed")]
    [InlineData(RunStatus.TimedOut, TaskPhase.Failed, "TimedOut")]
    [InlineData(RunStatus.Cancelled, TaskPhase.Cancelled, "Cancelled")]
    public void A_final_run_ends_the_task(RunStatus run, TaskPhase phase, string reason)
    {
        var task = Task(phase: TaskPhase.Running, status: s => s.StartedAt = Now.AddSeconds(-5));

        var plan = Decide(task, Desk(), Run(run, exit: 3));

        plan.Status.Phase.Should().Be(phase);
        plan.Status.CompletedAt.Should().Be(Now);
        Condition(plan, ConditionTypes.Completed)!.Reason.Should().Be(reason);
    }

    [Fact]
    public void A_failed_command_says_its_exit_code()
    {
        var plan = Decide(Task(phase: TaskPhase.Running, status: s => s.StartedAt = Now), Desk(), Run(RunStatus.Failed, exit: 3));

        plan.Status.Message.Should().Be("exit 3");
        plan.Status.ExitCode.Should().Be(3);
    }

    [Fact]
    public void A_run_still_running_past_timeout_and_grace_is_cancelled_and_fails_timed_out()
    {
        var task = Task(phase: TaskPhase.Running, spec: s => s.Timeout = "60s", status: s => s.StartedAt = Now.AddSeconds(-89));
        Decide(task, Desk(), Run(RunStatus.Running)).Action.Should().Be(TaskAction.None, "within the 30 s grace the agent's own timeout acts");

        var late = Task(phase: TaskPhase.Running, spec: s => s.Timeout = "60s", status: s => s.StartedAt = Now.AddSeconds(-90));
        var plan = Decide(late, Desk(), Run(RunStatus.Running));

        plan.Action.Should().Be(TaskAction.CancelRun);
        plan.Status.Phase.Should().Be(TaskPhase.Failed);
        plan.Status.Message.Should().Be("timed out after 1m");
        Condition(plan, ConditionTypes.Completed)!.Reason.Should().Be(ConditionReasons.TimedOut);
    }

    [Fact]
    public void A_running_task_whose_agent_is_unreachable_waits_and_retries()
    {
        var task = Task(phase: TaskPhase.Running, status: s => s.StartedAt = Now.AddSeconds(-5));

        var plan = Decide(task, Desk(), RunObservation.Unreachable("connection refused"));

        plan.Status.Phase.Should().Be(TaskPhase.Running);
        plan.RequeueAfter.Should().Be(TaskPolicy.NotReadyRetry);
        Condition(plan, ConditionTypes.DesktopAvailable)!.Message.Should().Contain("connection refused");
    }

    [Fact]
    public void A_pending_task_whose_agent_is_unreachable_is_not_failed()
    {
        var plan = Decide(Task(), Desk(), RunObservation.Unreachable("timeout"));

        plan.Status.Phase.Should().Be(TaskPhase.Pending);
        plan.RequeueAfter.Should().Be(TaskPolicy.NotReadyRetry);
    }

    [Fact]
    public void A_busy_agent_is_retried_with_growing_delays_and_the_condition_says_why()
    {
        var first = Decide(Task(), Desk(), RunObservation.Busy("the chat agent is answering another message"));
        first.Status.Phase.Should().Be(TaskPhase.Pending);
        first.RequeueAfter.Should().Be(TimeSpan.FromSeconds(1));
        Condition(first, ConditionTypes.DesktopAvailable)!.Message.Should().Contain("answering another message");

        var later = Task(status: s => s.Conditions = [new Condition
        {
            Type = ConditionTypes.DesktopAvailable, Status = ConditionStatus.False, Reason = ConditionReasons.DesktopNotReady, LastTransitionTime = Now.AddSeconds(-8),
        }]);
        Decide(later, Desk(), RunObservation.Busy("busy")).RequeueAfter.Should().Be(TimeSpan.FromSeconds(8));
    }

    [Fact]
    public void A_run_the_agent_refuses_for_good_fails_the_task_with_the_agents_reason()
    {
        var plan = Decide(Task(), Desk(), RunObservation.Rejected("chat is not configured on this desktop"));

        plan.Status.Phase.Should().Be(TaskPhase.Failed);
        plan.RequeueAfter.Should().BeNull("retrying cannot help");
        plan.Status.Message.Should().Contain("chat is not configured");
        Condition(plan, ConditionTypes.Completed)!.Reason.Should().Be(ConditionReasons.RunRejected);
    }

    [Fact]
    public void Tasks_of_a_desktop_queue_in_creation_order_then_name()
    {
        var first = Task("b-first", createdSecondsAgo: 30);
        var tie = Task("a-tie", createdSecondsAgo: 20);
        var later = Task("c-later", createdSecondsAgo: 20);

        Decide(first, Desk(), null, tie, later).Action.Should().Be(TaskAction.ObserveRun);
        var queued = Decide(tie, Desk(), null, first, later);
        queued.Action.Should().Be(TaskAction.None);
        Condition(queued, ConditionTypes.DesktopAvailable)!.Should().Match<Condition>(c =>
            c.Status == ConditionStatus.False && c.Reason == ConditionReasons.Queued && c.Message!.Contains("earlier tasks of desktop"));
        Condition(Decide(later, Desk(), null, first, tie), ConditionTypes.DesktopAvailable)!.Reason.Should().Be(ConditionReasons.Queued);
    }

    [Fact]
    public void Next_is_the_first_task_in_queue_order_that_asks_to_run_and_has_not_started()
    {
        var done = Task("a-done", createdSecondsAgo: 50, status: s => s.Phase = TaskPhase.Done);
        var notAsked = Task("b-not-asked", createdSecondsAgo: 40, run: false);
        var cancelled = Task("c-cancelled", createdSecondsAgo: 30, spec: s => s.Cancel = true);
        var next = Task("d-next", createdSecondsAgo: 20);
        var later = Task("e-later", createdSecondsAgo: 10, phase: null);

        TaskPolicy.Next([later, cancelled, done, next, notAsked])!.Metadata.Name.Should().Be("d-next");
        TaskPolicy.Next([done, notAsked]).Should().BeNull();
    }

    [Fact]
    public void A_queued_tasks_status_does_not_change_while_the_tasks_ahead_of_it_take_turns()
    {
        var first = Task("first", createdSecondsAgo: 30, status: s => s.Phase = TaskPhase.Running);
        var second = Task("second", createdSecondsAgo: 20);
        var third = Task("third", createdSecondsAgo: 10);
        var queued = Decide(third, Desk(), null, first, second).Status;
        var waiting = Task("third", createdSecondsAgo: 10, status: s =>
        {
            s.Phase = queued.Phase;
            s.ObservedGeneration = queued.ObservedGeneration;
            s.Conditions = queued.Conditions;
        });

        // The first finishes and the second runs: the third still waits, and nothing about it needs writing.
        var firstDone = Task("first", createdSecondsAgo: 30, status: s => s.Phase = TaskPhase.Done);
        var secondRuns = Task("second", createdSecondsAgo: 20, status: s => s.Phase = TaskPhase.Running);
        var later = Decide(waiting, Desk(), null, firstDone, secondRuns).Status;

        JsonSerializer.Serialize(later).Should().Be(JsonSerializer.Serialize(queued), "one status write when a task queues, not one per task ahead of it");
    }

    [Fact]
    public void Tasks_created_in_the_same_second_queue_by_the_api_servers_precise_creation_time_before_their_names()
    {
        static DesktopTask Stamped(string name, int ticks)
        {
            var task = Task(name, createdSecondsAgo: 20);
            task.Metadata.Annotations = new Dictionary<string, string> { [Annotations.CreatedAt] = Now.AddTicks(ticks).ToString("O") };
            return task;
        }
        var zFirst = Stamped("z-first", 1);
        var aSecond = Stamped("a-second", 2);

        TaskPolicy.Compare(zFirst, aSecond).Should().BeNegative("the annotation says z-first was created first");
        TaskPolicy.Compare(Task("z", createdSecondsAgo: 20), Task("a", createdSecondsAgo: 20)).Should().BePositive("without it, the name decides");
        Decide(zFirst, Desk(), null, aSecond).Action.Should().Be(TaskAction.ObserveRun);
        Decide(aSecond, Desk(), null, zFirst).Action.Should().Be(TaskAction.None);
    }

    [Fact]
    public void A_running_task_blocks_even_an_earlier_one_and_finished_or_idle_ones_block_nothing()
    {
        var early = Task("early", createdSecondsAgo: 100);
        var running = Task("running", phase: TaskPhase.Running, createdSecondsAgo: 50);
        Condition(Decide(early, Desk(), null, running), ConditionTypes.DesktopAvailable)!.Reason.Should().Be(ConditionReasons.Queued);

        var done = Task("done", phase: TaskPhase.Done, createdSecondsAgo: 200);
        var review = Task("review", phase: TaskPhase.Review, createdSecondsAgo: 200);
        var notAsked = Task("idle", run: false, createdSecondsAgo: 200);
        var cancelled = Task("cancelling", createdSecondsAgo: 200, spec: s => s.Cancel = true);
        Decide(early, Desk(), null, done, review, notAsked, cancelled).Action.Should().Be(TaskAction.ObserveRun);
    }

    [Fact]
    public void A_stopped_desktop_makes_the_task_wait()
    {
        var plan = Decide(Task(), Desk(running: false, phase: DesktopPhase.Stopped, agentReady: false));

        plan.Action.Should().Be(TaskAction.None);
        plan.Status.Phase.Should().Be(TaskPhase.Pending);
        Condition(plan, ConditionTypes.DesktopAvailable)!.Reason.Should().Be(ConditionReasons.DesktopStopped);
    }

    [Fact]
    public void With_start_desktop_a_stopped_desktop_is_started()
    {
        var plan = Decide(Task(spec: s => s.StartDesktop = true), Desk(running: false, phase: DesktopPhase.Stopped, agentReady: false));

        plan.Action.Should().Be(TaskAction.StartDesktop);
        Condition(plan, ConditionTypes.DesktopAvailable)!.Reason.Should().Be(ConditionReasons.DesktopNotReady);
    }

    [Fact]
    public void A_queued_task_does_not_start_a_stopped_desktop()
    {
        var first = Task("first", createdSecondsAgo: 100);
        var plan = Decide(Task("second", spec: s => s.StartDesktop = true), Desk(running: false, phase: DesktopPhase.Stopped, agentReady: false), null, first);

        plan.Action.Should().Be(TaskAction.None);
        Condition(plan, ConditionTypes.DesktopAvailable)!.Reason.Should().Be(ConditionReasons.Queued);
    }

    [Fact]
    public void A_booting_desktop_or_an_agent_not_ready_makes_the_task_wait_and_look_again()
    {
        foreach (var desk in new[] { Desk(phase: DesktopPhase.Booting, agentReady: false), Desk(agentReady: false) })
        {
            var plan = Decide(Task(), desk);
            plan.Action.Should().Be(TaskAction.None);
            plan.RequeueAfter.Should().Be(TaskPolicy.NotReadyRetry);
            Condition(plan, ConditionTypes.DesktopAvailable)!.Reason.Should().Be(ConditionReasons.DesktopNotReady);
        }
    }

    [Fact]
    public void A_missing_desktop_fails_the_task()
    {
        var plan = Decide(Task(run: false));

        plan.Status.Phase.Should().Be(TaskPhase.Failed);
        plan.Status.Message.Should().Be("desktop d1 not found");
        plan.Status.CompletedAt.Should().Be(Now);
        Condition(plan, ConditionTypes.Completed)!.Reason.Should().Be(ConditionReasons.DesktopNotFound);
    }

    [Fact]
    public void A_task_created_just_now_gives_its_desktop_a_moment_to_appear()
    {
        var plan = Decide(Task(createdSecondsAgo: 2));

        plan.Status.Phase.Should().Be(TaskPhase.Pending);
        plan.RequeueAfter.Should().Be(TimeSpan.FromSeconds(3));
        Condition(plan, ConditionTypes.DesktopAvailable)!.Reason.Should().Be(ConditionReasons.DesktopNotFound);
    }

    [Fact]
    public void A_desktop_being_deleted_fails_its_queued_and_running_tasks()
    {
        var deleting = Desk();
        deleting.Metadata.DeletionTimestamp = Now.UtcDateTime;

        Decide(Task(createdSecondsAgo: 1), deleting).Status.Phase.Should().Be(TaskPhase.Failed);
        Decide(Task(phase: TaskPhase.Running, status: s => s.StartedAt = Now), deleting).Status.Phase.Should().Be(TaskPhase.Failed);
    }

    [Fact]
    public void Cancel_of_a_pending_task_cancels_it_without_the_agent()
    {
        var plan = Decide(Task(spec: s => s.Cancel = true), Desk());

        plan.Action.Should().Be(TaskAction.None);
        plan.Status.Phase.Should().Be(TaskPhase.Cancelled);
        plan.Status.CompletedAt.Should().Be(Now);
        Condition(plan, ConditionTypes.Completed)!.Reason.Should().Be(ConditionReasons.Cancelled);
    }

    [Fact]
    public void Cancel_of_a_running_task_cancels_its_run_on_the_agent_first()
    {
        var plan = Decide(Task(phase: TaskPhase.Running, spec: s => s.Cancel = true, status: s => s.StartedAt = Now), Desk());

        plan.Action.Should().Be(TaskAction.CancelRun);
        plan.Status.Phase.Should().Be(TaskPhase.Cancelled);
    }

    [Fact]
    public void Approve_in_review_is_done_and_reject_is_failed_with_the_feedback()
    {
        var approved = Decide(Task(phase: TaskPhase.Review, spec: s => s.Decision = TaskDecision.Approve), Desk());
        approved.Status.Phase.Should().Be(TaskPhase.Done);
        approved.Status.ReviewedAt.Should().Be(Now);
        approved.Status.CompletedAt.Should().Be(Now);

        var rejected = Decide(Task(phase: TaskPhase.Review, spec: s => { s.Decision = TaskDecision.Reject; s.Feedback = "wrong folder"; }));
        rejected.Status.Phase.Should().Be(TaskPhase.Failed, "a review needs no desktop");
        rejected.Status.Message.Should().Be("rejected: wrong folder");
        rejected.Status.ReviewedAt.Should().Be(Now);
        Condition(rejected, ConditionTypes.Completed)!.Reason.Should().Be(ConditionReasons.Rejected);

        Decide(Task(phase: TaskPhase.Review), Desk()).Status.Phase.Should().Be(TaskPhase.Review, "no decision yet");
    }

    [Theory]
    [InlineData(TaskPhase.Done)]
    [InlineData(TaskPhase.Failed)]
    [InlineData(TaskPhase.Cancelled)]
    public void Terminal_phases_never_change(TaskPhase phase)
    {
        var task = Task(phase: phase, spec: s => { s.Cancel = true; s.Decision = TaskDecision.Reject; });

        var plan = Decide(task);

        plan.Action.Should().Be(TaskAction.None);
        plan.Status.Should().BeSameAs(task.Status);
        plan.Status.Phase.Should().Be(phase);
    }

    [Fact]
    public void An_unchanged_situation_gives_an_equal_status_so_nothing_is_written()
    {
        var first = Decide(Task(), Desk(running: false, phase: DesktopPhase.Stopped, agentReady: false));
        var again = Decide(Task(status: s => { s.Conditions = first.Status.Conditions; s.ObservedGeneration = 2; }),
            Desk(running: false, phase: DesktopPhase.Stopped, agentReady: false));

        k8s.KubernetesJson.Serialize(again.Status).Should().Be(k8s.KubernetesJson.Serialize(first.Status));
    }
}
