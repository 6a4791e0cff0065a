using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;
using LeBureau.Resources.Schema;

namespace LeBureau.Resources;

/// <summary>An API key for the REST, SSE and MCP surfaces, scoped to its namespace (tenant) and capabilities. The operator generates the key once, writes it to a Secret for a one-time read, and keeps only its SHA-256 hash.</summary>
[KubernetesEntity(Group = Desktop.Group, ApiVersion = Desktop.Version, Kind = KindName, PluralName = Plural)]
[ShortNames("ak")]
[PrinterColumn("Prefix", ".status.prefix")]
[PrinterColumn("Capabilities", ".spec.capabilities")]
[PrinterColumn("Phase", ".status.phase")]
[PrinterColumn("Expires", ".spec.expiresAt", "date")]
[PrinterColumn("Age", ".metadata.creationTimestamp", "date")]
public sealed class ApiKey : IKubernetesObject<V1ObjectMeta>, ISpec<ApiKey.ApiKeySpec>, IStatus<ApiKey.ApiKeyStatus>
{
    /// <summary>The kind.</summary>
    public const string KindName = "ApiKey";

    /// <summary>The plural resource name.</summary>
    public const string Plural = "apikeys";

    /// <summary>The key under the data of the Secret named by <see cref="ApiKeyStatus.SecretName"/> that holds the plaintext.</summary>
    public const string SecretDataKey = "apiKey";

    /// <summary>ApiVersion is lebureau.io/v1alpha1.</summary>
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = $"{Desktop.Group}/{Desktop.Version}";

    /// <summary>Kind is ApiKey.</summary>
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = KindName;

    /// <summary>Metadata is the standard object metadata.</summary>
    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>Spec is what the key may do and until when.</summary>
    [Required, JsonPropertyName("spec")]
    public ApiKeySpec Spec { get; set; } = new();

    /// <summary>Status is the observed state, written by the operator only.</summary>
    [JsonPropertyName("status")]
    public ApiKeyStatus Status { get; set; } = new();

    /// <summary>What an API key may do and until when.</summary>
    public sealed class ApiKeySpec
    {
        /// <summary>Capabilities granted to the key, fixed at creation: desktop:read, desktop:manage, desktop:lifecycle, desktop:control, desktop:chat, tasks:read, tasks:write. Required, at least one.</summary>
        [Required, MinLength(1), JsonPropertyName("capabilities")]
        public IList<Capability> Capabilities { get; set; } = [];

        /// <summary>Description says what the key is for. Optional, at most 256 characters.</summary>
        [MaxLength(256), JsonPropertyName("description")]
        public string? Description { get; set; }

        /// <summary>ExpiresAt is when the key stops authenticating. Optional: never when absent.</summary>
        [JsonPropertyName("expiresAt")]
        public DateTimeOffset? ExpiresAt { get; set; }

        /// <summary>Revoked, when true, stops the key from authenticating at once and for good. Default false.</summary>
        [Default(false), JsonPropertyName("revoked")]
        public bool Revoked { get; set; }

        /// <summary>RateLimitPerMinute overrides the api-server's per-key request limit. Range 1–100000; optional: the global default (60) when absent.</summary>
        [Range(1, 100000), JsonPropertyName("rateLimitPerMinute")]
        public int? RateLimitPerMinute { get; set; }
    }

    /// <summary>The observed state of an API key. Never holds the key itself.</summary>
    public sealed class ApiKeyStatus
    {
        /// <summary>Phase is Pending, Active, Expired or Revoked.</summary>
        [JsonPropertyName("phase")]
        public ApiKeyPhase? Phase { get; set; }

        /// <summary>Prefix is the first characters of the key, for display (e.g. sk_live_AbC1).</summary>
        [JsonPropertyName("prefix")]
        public string? Prefix { get; set; }

        /// <summary>Hash is the lowercase hex SHA-256 of the key; the api-server authenticates by it.</summary>
        [RegularExpression("^[0-9a-f]{64}$"), JsonPropertyName("hash")]
        public string? Hash { get; set; }

        /// <summary>SecretName is the Secret (owned by this ApiKey) that holds the key for a one-time read under data.apiKey.</summary>
        [JsonPropertyName("secretName")]
        public string? SecretName { get; set; }

        /// <summary>ObservedGeneration is the metadata.generation this status was computed from. Minimum 0.</summary>
        [Range(0, long.MaxValue), JsonPropertyName("observedGeneration")]
        public long? ObservedGeneration { get; set; }

        /// <summary>Conditions are the latest observations: Ready.</summary>
        [JsonPropertyName("conditions")]
        public IList<Condition>? Conditions { get; set; }
    }
}
