using k8s.Models;
using LeBureau.ApiServer.MissionControl;
using LeBureau.Resources;

namespace LeBureau.ApiServer.Tests.Unit;

public sealed class MissionControlDecisionTests
{
    private static DesktopTask Task(TaskPhase? phase, Action<DesktopTask.DesktopTaskSpec>? spec = null)
    {
        var task = new DesktopTask
        {
            Metadata = new V1ObjectMeta { Name = "task-1", NamespaceProperty = "alice", Uid = "u1", CreationTimestamp = new DateTime(2026, 3, 15, 10, 0, 0, DateTimeKind.Unspecified) },
            Spec = new DesktopTask.DesktopTaskSpec { DesktopRef = "desk-1", Type = TaskType.Command, Content = "true" },
            Status = new DesktopTask.DesktopTaskStatus { Phase = phase },
        };
        spec?.Invoke(task.Spec);
        return task;
    }

    [Fact]
    public void Only_a_pending_task_not_yet_asked_to_run_nor_cancelled_can_run()
    {
        TaskTransitions.RunConflict(Task(null)).Should().BeNull();
        TaskTransitions.RunConflict(Task(TaskPhase.Pending)).Should().BeNull();
        TaskTransitions.RunConflict(Task(TaskPhase.Pending, s => s.Run = true)).Should().Be("The task was already asked to run.");
        TaskTransitions.RunConflict(Task(null, s => s.Cancel = true)).Should().Be("The task is being cancelled.");
        foreach (var phase in new[] { TaskPhase.Running, TaskPhase.Review, TaskPhase.Done, TaskPhase.Failed, TaskPhase.Cancelled })
        {
            TaskTransitions.RunConflict(Task(phase)).Should().NotBeNull(phase.ToString());
        }
    }

    [Fact]
    public void Only_an_undecided_task_in_review_can_be_reviewed_and_it_alone_awaits_review()
    {
        TaskTransitions.ReviewConflict(Task(TaskPhase.Review)).Should().BeNull();
        TaskTransitions.AwaitsReview(Task(TaskPhase.Review)).Should().BeTrue();
        TaskTransitions.ReviewConflict(Task(TaskPhase.Review, s => s.Decision = TaskDecision.Reject)).Should().Be("The task was already reviewed (reject).");
        TaskTransitions.AwaitsReview(Task(TaskPhase.Review, s => s.Decision = TaskDecision.Approve)).Should().BeFalse();
        TaskTransitions.ReviewConflict(Task(null)).Should().Be("The task is pending; only a task in review can be approved or rejected.");
        TaskTransitions.AwaitsReview(Task(TaskPhase.Done)).Should().BeFalse();
    }

    [Fact]
    public void Cancel_applies_until_the_task_is_done_failed_or_cancelled()
    {
        foreach (var phase in new TaskPhase?[] { null, TaskPhase.Pending, TaskPhase.Running, TaskPhase.Review })
        {
            TaskTransitions.CancelConflict(Task(phase)).Should().BeNull(phase?.ToString() ?? "no phase");
        }
        TaskTransitions.CancelConflict(Task(TaskPhase.Done)).Should().Be("The task is already done.");
        TaskTransitions.CancelConflict(Task(TaskPhase.Failed)).Should().Be("The task is already failed.");
        TaskTransitions.CancelConflict(Task(TaskPhase.Cancelled)).Should().Be("The task is already cancelled.");
    }

    [Fact]
    public void Status_filter_accepts_the_wire_names_only_and_a_task_without_phase_is_pending()
    {
        TaskMapping.TryParseStatus(null, out var none).Should().BeTrue();
        none.Should().BeNull();
        TaskMapping.TryParseStatus("review", out var review).Should().BeTrue();
        review.Should().Be(TaskPhase.Review);
        TaskMapping.TryParseStatus("Review", out _).Should().BeFalse();
        TaskMapping.TryParseStatus("stopped", out _).Should().BeFalse();
        TaskMapping.Status(Task(null)).Should().Be(TaskPhase.Pending);
    }

    [Fact]
    public void Timestamps_are_written_in_utc_with_z()
    {
        var task = Task(TaskPhase.Done);
        task.Status.StartedAt = new DateTimeOffset(2026, 3, 15, 12, 0, 0, TimeSpan.FromHours(2));
        var dto = TaskMapping.ToDto(task, "d1");
        var json = System.Text.Json.JsonSerializer.Serialize(dto, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web));
        json.Should().Contain("\"createdAt\":\"2026-03-15T10:00:00Z\"").And.Contain("\"startedAt\":\"2026-03-15T10:00:00Z\"")
            .And.Contain("\"status\":\"done\"").And.Contain("\"desktopId\":\"d1\"");
    }
}
