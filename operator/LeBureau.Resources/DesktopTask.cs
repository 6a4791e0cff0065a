using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;
using LeBureau.Resources.Schema;

namespace LeBureau.Resources;

/// <summary>A mission-control task: a prompt for the chat agent or a shell command, run on one desktop, optionally reviewed before it counts as done.</summary>
[KubernetesEntity(Group = Desktop.Group, ApiVersion = Desktop.Version, Kind = KindName, PluralName = Plural)]
[ShortNames("dtask")]
[PrinterColumn("Desktop", ".spec.desktopRef")]
[PrinterColumn("Type", ".spec.type")]
[PrinterColumn("Phase", ".status.phase")]
[PrinterColumn("Exit", ".status.exitCode", "integer")]
[PrinterColumn("Age", ".metadata.creationTimestamp", "date")]
public sealed class DesktopTask : IKubernetesObject<V1ObjectMeta>, ISpec<DesktopTask.DesktopTaskSpec>, IStatus<DesktopTask.DesktopTaskStatus>
{
    /// <summary>The kind.</summary>
    public const string KindName = "DesktopTask";

    /// <summary>The plural resource name.</summary>
    public const string Plural = "desktoptasks";

    /// <summary>ApiVersion is lebureau.io/v1alpha1.</summary>
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = $"{Desktop.Group}/{Desktop.Version}";

    /// <summary>Kind is DesktopTask.</summary>
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = KindName;

    /// <summary>Metadata is the standard object metadata.</summary>
    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>Spec is what to run, where, and how it is reviewed.</summary>
    [Required, JsonPropertyName("spec")]
    public DesktopTaskSpec Spec { get; set; } = new();

    /// <summary>Status is the observed state, written by the operator only.</summary>
    [JsonPropertyName("status")]
    public DesktopTaskStatus Status { get; set; } = new();

    /// <summary>What to run, where, and how it is reviewed.</summary>
    public sealed class DesktopTaskSpec
    {
        /// <summary>DesktopRef is the metadata.name of the Desktop, in the same namespace, that runs the task. Required.</summary>
        [Required, MinLength(1), MaxLength(253), RegularExpression(@"^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")]
        [JsonPropertyName("desktopRef")]
        public string DesktopRef { get; set; } = "";

        /// <summary>Type is prompt (a message to the chat agent) or command (a shell command). Required.</summary>
        [Required, JsonPropertyName("type")]
        public TaskType Type { get; set; }

        /// <summary>Content is the prompt text or the command line. Required, 1–65536 characters.</summary>
        [Required, MinLength(1), MaxLength(65536), JsonPropertyName("content")]
        public string Content { get; set; } = "";

        /// <summary>RequiresApproval, when true, holds the finished task in review until a decision is made. Default false.</summary>
        [Default(false), JsonPropertyName("requiresApproval")]
        public bool RequiresApproval { get; set; }

        /// <summary>Run, when true, asks the operator to run the task; a pending task waits until it is set. Default false.</summary>
        [Default(false), JsonPropertyName("run")]
        public bool Run { get; set; }

        /// <summary>StartDesktop, when true, starts the desktop (spec.running) if it is stopped when the task's turn comes; otherwise the task waits until the desktop runs. Default false.</summary>
        [Default(false), JsonPropertyName("startDesktop")]
        public bool StartDesktop { get; set; }

        /// <summary>Timeout bounds a run from its start, as a duration such as 90s or 30m; a task still running then fails and its process is stopped. Default 30m.</summary>
        [Default("30m"), Duration, RegularExpression(DurationAttribute.Pattern), JsonPropertyName("timeout")]
        public string? Timeout { get; set; } = "30m";

        /// <summary>Cancel, when true, cancels the task: a pending or queued task never runs, a running one is stopped on its desktop. Default false.</summary>
        [Default(false), JsonPropertyName("cancel")]
        public bool Cancel { get; set; }

        /// <summary>Decision is the reviewer's verdict on a task in review: approve (done) or reject (failed). Optional.</summary>
        [JsonPropertyName("decision")]
        public TaskDecision? Decision { get; set; }

        /// <summary>Feedback is the reviewer's comment that goes with the decision. Optional, at most 8192 characters.</summary>
        [MaxLength(8192), JsonPropertyName("feedback")]
        public string? Feedback { get; set; }
    }

    /// <summary>The observed state of a task.</summary>
    public sealed class DesktopTaskStatus
    {
        /// <summary>Phase is pending, running, review, done, failed or cancelled.</summary>
        [JsonPropertyName("phase")]
        public TaskPhase? Phase { get; set; }

        /// <summary>Output is what the task produced (the agent's answer, or the command's stdout then stderr), capped at 64 KiB.</summary>
        [JsonPropertyName("output")]
        public string? Output { get; set; }

        /// <summary>OutputTruncated is true when the output was longer than the cap and was cut.</summary>
        [JsonPropertyName("outputTruncated")]
        public bool? OutputTruncated { get; set; }

        /// <summary>RunId names the run on the desktop's agent (the task's uid); the operator asks the agent about it before starting anything, so a task never runs twice.</summary>
        [MaxLength(128), JsonPropertyName("runId")]
        public string? RunId { get; set; }

        /// <summary>MessageId is the chat message that answered a prompt task (see the desktop's chat history).</summary>
        [MaxLength(128), JsonPropertyName("messageId")]
        public string? MessageId { get; set; }

        /// <summary>ReviewedAt is when the review decision was applied.</summary>
        [JsonPropertyName("reviewedAt")]
        public DateTimeOffset? ReviewedAt { get; set; }

        /// <summary>ExitCode is the command's exit code (command tasks only).</summary>
        [JsonPropertyName("exitCode")]
        public int? ExitCode { get; set; }

        /// <summary>Message explains a failure.</summary>
        [JsonPropertyName("message")]
        public string? Message { get; set; }

        /// <summary>StartedAt is when the task started running.</summary>
        [JsonPropertyName("startedAt")]
        public DateTimeOffset? StartedAt { get; set; }

        /// <summary>CompletedAt is when the task reached done, failed or cancelled.</summary>
        [JsonPropertyName("completedAt")]
        public DateTimeOffset? CompletedAt { get; set; }

        /// <summary>ObservedGeneration is the metadata.generation this status was computed from. Minimum 0.</summary>
        [Range(0, long.MaxValue), JsonPropertyName("observedGeneration")]
        public long? ObservedGeneration { get; set; }

        /// <summary>Conditions are the latest observations.</summary>
        [JsonPropertyName("conditions")]
        public IList<Condition>? Conditions { get; set; }
    }
}
