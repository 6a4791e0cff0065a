using System.Text.Json.Nodes;
using k8s.Models;
using LeBureau.Events;
using LeBureau.Operator.Events;
using LeBureau.Resources;

namespace LeBureau.Operator.Tests.Unit;

/// <summary>Which activity events a task's status change produces, with which payload and dedup key.</summary>
public sealed class TaskEventRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static DesktopTask Task(TaskPhase? phase, Action<DesktopTask.DesktopTaskStatus>? status = null)
    {
        var task = new DesktopTask
        {
            Metadata = new V1ObjectMeta { Name = "t1", NamespaceProperty = "alice", Uid = "task-uid", CreationTimestamp = Now.AddMinutes(-1).UtcDateTime },
            Spec = new DesktopTask.DesktopTaskSpec { DesktopRef = "d1", Type = TaskType.Command, Content = "cat /etc/secret-content", RequiresApproval = true },
            Status = new DesktopTask.DesktopTaskStatus { Phase = phase, Output = "SECRET-OUTPUT" },
        };
        status?.Invoke(task.Status);
        return task;
    }

    private static List<EventDraft> Changes(DesktopTask? old, DesktopTask current) => TaskEventRules.Changes(old, current, "desk-uid").ToList();

    private static JsonObject Payload(EventDraft e) => JsonNode.Parse(e.Payload)!.AsObject();

    [Fact]
    public void Pending_is_task_created_with_ids_status_and_creation_time()
    {
        var e = Changes(Task(null), Task(TaskPhase.Pending)).Should().ContainSingle().Subject;

        e.Type.Should().Be(EventTypes.TaskCreated);
        e.Tenant.Should().Be("alice");
        var payload = Payload(e);
        payload["taskId"]!.GetValue<string>().Should().Be("task-uid");
        payload["desktopId"]!.GetValue<string>().Should().Be("desk-uid");
        payload["status"]!.GetValue<string>().Should().Be("pending");
        payload["createdAt"]!.GetValue<string>().Should().Be("2026-11-23T11:59:00.000Z");
        EventTypes.IsActivityStream(e.Type).Should().BeTrue();
    }

    [Fact]
    public void Each_transition_emits_its_events_once_with_their_own_dedup_keys()
    {
        var pending = Task(TaskPhase.Pending);
        var running = Task(TaskPhase.Running, s => s.StartedAt = Now);
        var review = Task(TaskPhase.Review, s => { s.StartedAt = Now; s.ExitCode = 0; });
        var done = Task(TaskPhase.Done, s => { s.StartedAt = Now; s.ExitCode = 0; s.ReviewedAt = Now.AddSeconds(9); s.CompletedAt = Now.AddSeconds(9); });

        Changes(pending, running).Select(e => e.Type).Should().Equal(EventTypes.TaskStarted);
        Changes(running, review).Select(e => e.Type).Should().Equal(EventTypes.TaskReview, EventTypes.ApprovalCreated);
        var resolved = Changes(review, done);
        resolved.Select(e => e.Type).Should().Equal(EventTypes.ApprovalResolved, EventTypes.TaskCompleted);
        Payload(resolved[0])["reviewedAt"]!.GetValue<string>().Should().Be("2026-11-23T12:00:09.000Z");
        Payload(resolved[0])["summary"]!.GetValue<string>().Should().Be("approved");
        Payload(resolved[1])["summary"]!.GetValue<string>().Should().Be("exit 0");
        Payload(resolved[1])["completedAt"]!.GetValue<string>().Should().Be("2026-11-23T12:00:09.000Z");

        Changes(done, done).Should().BeEmpty();
        var all = new[] { Changes(null, pending), Changes(pending, running), Changes(running, review), resolved }.SelectMany(x => x).ToList();
        all.Select(e => e.DedupKey).Should().OnlyHaveUniqueItems().And.AllSatisfy(k => k.Should().StartWith("task-uid:"));
    }

    [Fact]
    public void A_replay_by_a_new_leader_hits_the_same_dedup_keys()
    {
        var done = Task(TaskPhase.Done, s => { s.StartedAt = Now; s.CompletedAt = Now; s.ExitCode = 0; });
        var live = Changes(Task(TaskPhase.Running, s => s.StartedAt = Now), done).Single();

        var replay = Changes(null, done);

        replay.Select(e => e.Type).Should().Equal(EventTypes.TaskStarted, EventTypes.TaskCompleted);
        replay[1].DedupKey.Should().Be(live.DedupKey);
        replay[1].DedupValue.Should().Be(live.DedupValue);
    }

    [Fact]
    public void A_failure_summarises_its_first_line_and_never_carries_output_or_content()
    {
        var failed = Task(TaskPhase.Failed, s => { s.StartedAt = Now; s.CompletedAt = Now; s.Message = "exit 3\nmore detail"; });

        var e = Changes(Task(TaskPhase.Running, s => s.StartedAt = Now), failed).Single();

        e.Type.Should().Be(EventTypes.TaskFailed);
        Payload(e)["summary"]!.GetValue<string>().Should().Be("exit 3");
        Payload(e)["status"]!.GetValue<string>().Should().Be("failed");
        e.Payload.Should().NotContain("SECRET").And.NotContain("secret-content");
    }

    [Fact]
    public void A_rejection_resolves_the_approval_and_fails_the_task()
    {
        var review = Task(TaskPhase.Review, s => s.StartedAt = Now);
        var rejected = Task(TaskPhase.Failed, s => { s.StartedAt = Now; s.ReviewedAt = Now; s.CompletedAt = Now; s.Message = "rejected: " + new string('x', 400); });

        var events = Changes(review, rejected);

        events.Select(e => e.Type).Should().Equal(EventTypes.ApprovalResolved, EventTypes.TaskFailed);
        Payload(events[0])["summary"]!.GetValue<string>().Should().StartWith("rejected: ").And.HaveLength(TaskEventRules.MaxSummary);
    }

    [Fact]
    public void Cancelling_a_queued_task_emits_only_task_cancelled()
    {
        var events = Changes(Task(TaskPhase.Pending), Task(TaskPhase.Cancelled, s => { s.CompletedAt = Now; s.Message = "cancelled"; }));

        events.Select(e => e.Type).Should().Equal(EventTypes.TaskCancelled);
        Payload(events[0])["completedAt"]!.GetValue<string>().Should().EndWith("Z");
    }
}
