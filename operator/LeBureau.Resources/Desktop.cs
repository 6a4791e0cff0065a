using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;
using LeBureau.Resources.Schema;

namespace LeBureau.Resources;

/// <summary>A Linux desktop for an AI agent: a virtual machine (or pod, or local process group) sized by tier, with the desktop agent inside.</summary>
[KubernetesEntity(Group = Group, ApiVersion = Version, Kind = KindName, PluralName = Plural)]
[ShortNames("dt", "desk")]
[PrinterColumn("Display Name", ".spec.displayName", Priority = 1)]
[PrinterColumn("Tier", ".spec.tier")]
[PrinterColumn("Phase", ".status.phase")]
[PrinterColumn("Running", ".spec.running", "boolean")]
[PrinterColumn("Agent Ready", ".status.agentReady", "boolean")]
[PrinterColumn("IP", ".status.ipAddress")]
[PrinterColumn("Age", ".metadata.creationTimestamp", "date")]
public sealed class Desktop : IKubernetesObject<V1ObjectMeta>, ISpec<Desktop.DesktopSpec>, IStatus<Desktop.DesktopStatus>
{
    /// <summary>The API group of all Le Bureau resources.</summary>
    public const string Group = "lebureau.io";

    /// <summary>The served and stored version.</summary>
    public const string Version = "v1alpha1";

    /// <summary>The kind.</summary>
    public const string KindName = "Desktop";

    /// <summary>The plural resource name.</summary>
    public const string Plural = "desktops";

    /// <summary>What a model name may contain (it is written into the desktop's environment file).</summary>
    public const string ModelPattern = "^[A-Za-z0-9._:/@-]+$";

    /// <summary>ApiVersion is lebureau.io/v1alpha1.</summary>
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = $"{Group}/{Version}";

    /// <summary>Kind is Desktop.</summary>
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = KindName;

    /// <summary>Metadata is the standard object metadata.</summary>
    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>Spec is the desired state of the desktop.</summary>
    [Required, JsonPropertyName("spec")]
    public DesktopSpec Spec { get; set; } = new();

    /// <summary>Status is the observed state, written by the operator only.</summary>
    [JsonPropertyName("status")]
    public DesktopStatus Status { get; set; } = new();

    /// <summary>The desired state of a desktop.</summary>
    public sealed class DesktopSpec
    {
        /// <summary>DisplayName is the human name shown in lists and the API's <c>name</c> field. Required, 1–128 characters.</summary>
        [Required, MinLength(1), MaxLength(128), JsonPropertyName("displayName")]
        public string DisplayName { get; set; } = "";

        /// <summary>Tier sizes the machine: free, pro or max (see the operator's tier table). Default free.</summary>
        [Default("free"), JsonPropertyName("tier")]
        public Tier Tier { get; set; } = Tier.Free;

        /// <summary>Running is the desired power state: true boots the desktop, false stops it and keeps its disk. Default true.</summary>
        [Default(true), JsonPropertyName("running")]
        public bool Running { get; set; } = true;

        /// <summary>KeepAlive, when true, means the desktop is never stopped for inactivity; idleTimeout is then ignored. Default false.</summary>
        [Default(false), JsonPropertyName("keepAlive")]
        public bool KeepAlive { get; set; }

        /// <summary>IdleTimeout is how long the desktop may go without activity before the operator stops it, as a duration such as 30m or 1h30m (no sign). Default 30m; ignored when keepAlive is true.</summary>
        [Default("30m"), Duration, RegularExpression(DurationAttribute.Pattern), JsonPropertyName("idleTimeout")]
        public string? IdleTimeout { get; set; } = "30m";

        /// <summary>ExpiresAt is when the desktop is deleted (with its disk), whatever its state; the Cyberdesk API's timeout_ms sets it. Optional: no expiry when absent.</summary>
        [JsonPropertyName("expiresAt")]
        public DateTimeOffset? ExpiresAt { get; set; }

        /// <summary>RestartedAt asks for a restart: each new value restarts a running desktop once. Optional.</summary>
        [JsonPropertyName("restartedAt")]
        public DateTimeOffset? RestartedAt { get; set; }

        /// <summary>Provider configures the chat agent's LLM provider (bring your own key). Optional: no chat without it.</summary>
        [JsonPropertyName("provider")]
        public ProviderSpec? Provider { get; set; }

        /// <summary>Resolution is the screen size of the desktop. Default 1280x800.</summary>
        [JsonPropertyName("resolution")]
        public ResolutionSpec? Resolution { get; set; }

        /// <summary>Image is the desktop image: a containerDisk image for the kubevirt runtime, a container image for the pod runtime; ignored by the local runtime. Optional: the operator's default image when absent.</summary>
        [MaxLength(512), JsonPropertyName("image")]
        public string? Image { get; set; }
    }

    /// <summary>The LLM provider of the desktop's chat agent. The key stays in its Secret.</summary>
    public sealed class ProviderSpec
    {
        /// <summary>Name of the provider: anthropic, openai or openrouter. Required.</summary>
        [Required, JsonPropertyName("name")]
        public ProviderName Name { get; set; }

        /// <summary>Model overrides the provider's default model, e.g. claude-sonnet-4-5 or openai/gpt-4o. Optional; letters, digits and . _ : / @ - only.</summary>
        [MaxLength(256), RegularExpression(ModelPattern), JsonPropertyName("model")]
        public string? Model { get; set; }

        /// <summary>SecretRef names the Secret key holding the provider API key; it is injected into the desktop at boot and never copied elsewhere. Required.</summary>
        [Required, JsonPropertyName("secretRef")]
        public SecretKeyRef SecretRef { get; set; } = new();

        /// <summary>Embeddings configures the embeddings model for the agent's persistent memory. Optional.</summary>
        [JsonPropertyName("embeddings")]
        public EmbeddingsSpec? Embeddings { get; set; }
    }

    /// <summary>The embeddings model used for the agent's persistent memory.</summary>
    public sealed class EmbeddingsSpec
    {
        /// <summary>Model is the embeddings model name. Optional: the provider's default; letters, digits and . _ : / @ - only.</summary>
        [MaxLength(256), RegularExpression(ModelPattern), JsonPropertyName("model")]
        public string? Model { get; set; }

        /// <summary>SecretRef names the Secret key holding the embeddings API key. Optional: the provider key is used when absent.</summary>
        [JsonPropertyName("secretRef")]
        public SecretKeyRef? SecretRef { get; set; }
    }

    /// <summary>A screen size in pixels.</summary>
    public sealed class ResolutionSpec
    {
        /// <summary>Width in pixels. Range 640–3840, default 1280.</summary>
        [Default(1280), Range(640, 3840), JsonPropertyName("width")]
        public int Width { get; set; } = 1280;

        /// <summary>Height in pixels. Range 480–2160, default 800.</summary>
        [Default(800), Range(480, 2160), JsonPropertyName("height")]
        public int Height { get; set; } = 800;
    }

    /// <summary>The observed state of a desktop.</summary>
    public sealed class DesktopStatus
    {
        /// <summary>Phase is where the desktop is in its lifecycle: Pending, Booting, Running, Stopping, Stopped, Destroying or Error.</summary>
        [JsonPropertyName("phase")]
        public DesktopPhase? Phase { get; set; }

        /// <summary>IpAddress is the address of the desktop's machine while it runs. Empty otherwise.</summary>
        [JsonPropertyName("ipAddress")]
        public string? IpAddress { get; set; }

        /// <summary>AgentEndpoint is the base URL of the desktop agent (http://ip:port) while it runs.</summary>
        [JsonPropertyName("agentEndpoint")]
        public string? AgentEndpoint { get; set; }

        /// <summary>AgentReady is true while the desktop agent answers its health check; control and chat need it.</summary>
        [JsonPropertyName("agentReady")]
        public bool AgentReady { get; set; }

        /// <summary>VmName is the name of the VirtualMachine (kubevirt runtime), Pod (pod runtime) or process group (local runtime).</summary>
        [JsonPropertyName("vmName")]
        public string? VmName { get; set; }

        /// <summary>StartedAt is when the desktop last entered Running.</summary>
        [JsonPropertyName("startedAt")]
        public DateTimeOffset? StartedAt { get; set; }

        /// <summary>LastActivityAt is the last activity the operator observed (from the lebureau.io/last-activity annotation).</summary>
        [JsonPropertyName("lastActivityAt")]
        public DateTimeOffset? LastActivityAt { get; set; }

        /// <summary>ObservedRestartedAt is the spec.restartedAt value the operator last acted on.</summary>
        [JsonPropertyName("observedRestartedAt")]
        public DateTimeOffset? ObservedRestartedAt { get; set; }

        /// <summary>Message is a human-readable explanation of the phase, set in Error.</summary>
        [JsonPropertyName("message")]
        public string? Message { get; set; }

        /// <summary>ObservedGeneration is the metadata.generation this status was computed from. Minimum 0.</summary>
        [Range(0, long.MaxValue), JsonPropertyName("observedGeneration")]
        public long? ObservedGeneration { get; set; }

        /// <summary>Conditions are the latest observations: Ready, VMReady, AgentReady, Expired, IdleStopped.</summary>
        [JsonPropertyName("conditions")]
        public IList<Condition>? Conditions { get; set; }
    }
}
