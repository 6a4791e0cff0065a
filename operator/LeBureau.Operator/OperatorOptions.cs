namespace LeBureau.Operator;

/// <summary>The operator's settings (configuration section Operator).</summary>
public sealed class OperatorOptions
{
    /// <summary>Runtime: Local, KubeVirt or Pod. Default Local.</summary>
    public RuntimeKind Runtime { get; set; } = RuntimeKind.Local;

    /// <summary>Namespaces to watch; empty watches all.</summary>
    public List<string> Namespaces { get; set; } = [];

    /// <summary>Concurrent Desktop reconciles. Default 4.</summary>
    public int Workers { get; set; } = 4;

    /// <summary>The desktop agent's port inside each desktop. Default 8080.</summary>
    public int AgentPort { get; set; } = 8080;

    /// <summary>The desktop agent executable (local runtime). Default LeBureau.DesktopAgent on PATH.</summary>
    public string AgentBinary { get; set; } = "LeBureau.DesktopAgent";

    /// <summary>How often a running desktop's agent is probed. Default 10 s.</summary>
    public TimeSpan AgentProbeInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a new desktop waits for its provider Secret before it is an Error (<see cref="Desktops.ProviderSecretPolicy"/>). Default 30 s.</summary>
    public TimeSpan ProviderSecretGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Where the local runtime keeps per-desktop state and logs. Default $TMPDIR/lebureau-local.</summary>
    public string StateDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "lebureau-local");

    /// <summary>The image when a Desktop names none: the containerDisk (kubevirt runtime) or the desktop container image (pod runtime).</summary>
    public string DefaultImage { get; set; } = "ghcr.io/lebureau/desktop:ubuntu-22.04";

    /// <summary>
    /// ProviderBaseUrls maps a provider name (anthropic, openai, openrouter) to the base URL its chat agents call instead of
    /// the provider's own, e.g. {"anthropic": "http://gateway:8080"} for a gateway or a test double. Default empty: every
    /// provider's own URL.
    /// </summary>
    public Dictionary<string, string> ProviderBaseUrls { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>EmbeddingsBaseUrl is the base URL chat agents call for embeddings (memory). Default null: the provider's own.</summary>
    public string? EmbeddingsBaseUrl { get; set; }

    /// <summary>First loopback address octets of the local runtime (127.{LocalAddressBlock}.N.M). Default 77.</summary>
    public int LocalAddressBlock { get; set; } = 77;
}
