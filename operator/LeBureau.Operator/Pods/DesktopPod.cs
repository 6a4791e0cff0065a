using System.Globalization;
using k8s.Models;
using LeBureau.Operator.Desktops;
using LeBureau.Operator.Machines;
using LeBureau.Operator.Tiers;
using LeBureau.Resources;

namespace LeBureau.Operator.Pods;

/// <summary>
/// The Pod of a running desktop (pure): the desktop image (desktop-agent/Dockerfile) with the tier's CPU and memory as
/// requests and limits, the data disk at the image user's home, and no secret in the spec — the agent token is the
/// desktop's agent-token Secret mounted where the image reads it, the provider and embeddings keys env vars from the user's
/// Secrets.
/// </summary>
public static class DesktopPod
{
    /// <summary>The container's name.</summary>
    public const string Container = "desktop";

    /// <summary>The uid and gid of the image's user (<c>desktop</c>, home /home/desktop).</summary>
    public const long User = 1000;

    /// <summary>Where the data disk is mounted: the image user's home, so the agent's files persist.</summary>
    public const string HomePath = "/home/desktop";

    /// <summary>The chat agent's data directory (LEBUREAU_DATA_DIR): on the data disk, so that chat history and memory persist.</summary>
    public const string DataDirectory = HomePath + "/.lebureau";

    /// <summary>The folder of the agent token file; the image reads <c>/etc/lebureau/agent-token</c> (LEBUREAU_AGENT_TOKEN_FILE).</summary>
    public const string TokenDirectory = "/etc/lebureau";

    /// <summary>
    /// The Pod for <paramref name="desktop"/>, sized by <paramref name="size"/>, running spec.image or <paramref name="defaultImage"/>,
    /// its chat agent set up from <paramref name="chat"/> (null without a provider). The keys in <paramref name="chat"/> are not
    /// used: the Pod refers to the user's Secrets instead.
    /// </summary>
    public static V1Pod Build(Desktop desktop, TierSize size, string defaultImage, int agentPort, ChatSettings? chat)
    {
        ArgumentNullException.ThrowIfNull(desktop);
        ArgumentNullException.ThrowIfNull(size);
        var name = desktop.Metadata.Name;
        var resolution = desktop.Spec.Resolution ?? new Desktop.ResolutionSpec();
        var compute = new Dictionary<string, ResourceQuantity>
        {
            ["cpu"] = new(size.Cpu.ToString(CultureInfo.InvariantCulture)),
            ["memory"] = new(size.Memory),
        };
        return new V1Pod
        {
            ApiVersion = "v1", Kind = "Pod",
            Metadata = DesktopOwner.Metadata(desktop, DesktopNames.Machine(name), "desktop"),
            Spec = new V1PodSpec
            {
                // The container is the desktop's machine: when it ends, the desktop shows Error with the reason and waits for a
                // restart or a start (the runtime contract), instead of a kubelet restart loop behind the user's back.
                RestartPolicy = "Never",
                // The desktop talks to no Kubernetes API; an agent with exec must not find a token to use.
                AutomountServiceAccountToken = false,
                EnableServiceLinks = false,
                SecurityContext = new V1PodSecurityContext
                {
                    RunAsNonRoot = true, RunAsUser = User, RunAsGroup = User, FsGroup = User,
                    SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
                },
                Containers =
                [
                    new V1Container
                    {
                        Name = Container,
                        Image = desktop.Spec.Image ?? defaultImage,
                        Ports = [new V1ContainerPort { Name = "agent", ContainerPort = agentPort, Protocol = "TCP" }],
                        Env = Environment(desktop, agentPort, resolution, chat),
                        Resources = new V1ResourceRequirements { Requests = compute, Limits = new Dictionary<string, ResourceQuantity>(compute) },
                        // /healthz wants the bearer token, which must not appear in the spec: the port accepting is the probe.
                        ReadinessProbe = new V1Probe
                        {
                            TcpSocket = new V1TCPSocketAction { Port = agentPort },
                            PeriodSeconds = 5, FailureThreshold = 3,
                        },
                        SecurityContext = new V1SecurityContext
                        {
                            AllowPrivilegeEscalation = false,
                            Capabilities = new V1Capabilities { Drop = ["ALL"] },
                        },
                        VolumeMounts =
                        [
                            new V1VolumeMount { Name = "data", MountPath = HomePath },
                            new V1VolumeMount { Name = "agent-token", MountPath = TokenDirectory, ReadOnlyProperty = true },
                        ],
                    },
                ],
                Volumes =
                [
                    new V1Volume { Name = "data", PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = DesktopNames.DataDisk(name) } },
                    new V1Volume
                    {
                        Name = "agent-token",
                        Secret = new V1SecretVolumeSource
                        {
                            SecretName = DesktopNames.AgentTokenSecret(name),
                            Items = [new V1KeyToPath { Key = DesktopNames.TokenKey, Path = "agent-token" }],
                            // 0440: readable by the fsGroup (the image's user), by nobody else.
                            DefaultMode = 0b100_100_000,
                        },
                    },
                ],
            },
        };
    }

    private static List<V1EnvVar> Environment(Desktop desktop, int agentPort, Desktop.ResolutionSpec resolution, ChatSettings? chat)
    {
        var env = new List<V1EnvVar>
        {
            new() { Name = "LEBUREAU_AGENT_PORT", Value = agentPort.ToString(CultureInfo.InvariantCulture) },
            new() { Name = "LEBUREAU_RESOLUTION", Value = $"{resolution.Width}x{resolution.Height}" },
            new() { Name = "LEBUREAU_DATA_DIR", Value = DataDirectory },
        };
        if (desktop.Spec.Provider is { } provider && chat is not null)
        {
            env.Add(new V1EnvVar { Name = "LEBUREAU_PROVIDER", Value = chat.Provider });
            if (chat.Model is not null) env.Add(new V1EnvVar { Name = "LEBUREAU_MODEL", Value = chat.Model });
            env.Add(FromSecret("LEBUREAU_PROVIDER_KEY", provider.SecretRef));
            if (chat.BaseUrl is not null) env.Add(new V1EnvVar { Name = "LEBUREAU_PROVIDER_BASE_URL", Value = chat.BaseUrl });
            if (ChatDelivery.EmbeddingsSecretRef(provider) is { } embeddings)
            {
                env.Add(FromSecret("LEBUREAU_EMBEDDINGS_KEY", embeddings));
                if (chat.EmbeddingsModel is not null) env.Add(new V1EnvVar { Name = "LEBUREAU_EMBEDDINGS_MODEL", Value = chat.EmbeddingsModel });
                if (chat.EmbeddingsBaseUrl is not null) env.Add(new V1EnvVar { Name = "LEBUREAU_EMBEDDINGS_BASE_URL", Value = chat.EmbeddingsBaseUrl });
            }
        }
        return env;
    }

    private static V1EnvVar FromSecret(string name, SecretKeyRef reference) => new()
    {
        Name = name,
        ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = reference.Name, Key = reference.Key } },
    };

    /// <summary>
    /// Why a Pod that ended did (pure): its desktop container's exit code and the kubelet's reason (OOMKilled, Error, …),
    /// else the Pod's message (Evicted …). The container's own termination message is left out: the desktop's user writes it.
    /// </summary>
    public static string Ended(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var exit = pod.Status?.ContainerStatuses?.FirstOrDefault(c => c.Name == Container)?.State?.Terminated;
        if (exit is null) return pod.Status?.Message is { Length: > 0 } message ? $"the desktop pod failed: {message}" : "the desktop pod ended";
        var reason = string.IsNullOrWhiteSpace(exit.Reason) ? "" : $" ({exit.Reason})";
        return exit.Signal is { } signal and > 0
            ? $"the desktop container was killed by signal {signal}{reason}"
            : $"the desktop container exited with code {exit.ExitCode}{reason}";
    }

    /// <summary>The machine state of a desktop from its desired power state and its Pod (pure).</summary>
    public static MachineObservation Observe(bool wantRunning, V1Pod? pod)
    {
        if (pod is null) return new MachineObservation(wantRunning ? MachineState.Starting : MachineState.Stopped);
        var name = pod.Metadata.Name;
        if (pod.Metadata.DeletionTimestamp is not null || !wantRunning) return new MachineObservation(MachineState.Stopping, name);
        var ready = pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;
        return pod.Status?.Phase switch
        {
            "Failed" or "Succeeded" => new MachineObservation(MachineState.Failed, name, null, Ended(pod)),
            "Running" when ready && !string.IsNullOrEmpty(pod.Status.PodIP) => new MachineObservation(MachineState.Running, name, pod.Status.PodIP),
            _ => new MachineObservation(MachineState.Starting, name),
        };
    }
}
