using System.Text;
using k8s;
using k8s.Models;
using LeBureau.Operator.Tests.Infrastructure;
using LeBureau.Resources;
using LeBureau.Testing;

namespace LeBureau.Operator.Tests.Contract;

/// <summary>
/// The promises every desktop runtime keeps (operator/LeBureau.Operator/README.md, "The runtime contract"), run against each
/// runtime by a subclass that says how to look at its machines: kubevirt with the KubeVirt simulator, pod with the kubelet
/// simulator, local for real. Every machine runs the real desktop agent.
/// </summary>
public abstract class RuntimeContract(ControlPlaneFixture fixture) : IAsyncLifetime
{
    private const string ProviderKey = "sk-contract-provider-key-never-in-a-spec";
    private const string EmbeddingsKey = "sk-contract-embeddings-key-never-in-a-spec";

    protected ControlPlaneFixture Fixture { get; } = fixture;

    protected DesktopApi Desktops { get; private set; } = null!;

    protected OperatorInstance Operator { get; private set; } = null!;

    protected string Namespace { get; private set; } = "";

    /// <summary>The runtime's name in the operator's configuration (Operator:Runtime).</summary>
    protected abstract string Runtime { get; }

    /// <summary>Starts what plays the cluster's node side for this runtime (nothing for local).</summary>
    protected abstract Task StartNodeAsync();

    /// <summary>Stops it.</summary>
    protected abstract Task StopNodeAsync();

    /// <summary>The operator's extra arguments for this runtime.</summary>
    protected virtual string[] OperatorArguments => [];

    /// <summary>What identifies the running machine of <paramref name="desktop"/> (a new one after a restart); null when none runs.</summary>
    protected abstract Task<string?> MachineAsync(Desktop desktop);

    /// <summary>Ends the machine of <paramref name="desktop"/> from the inside, as a crash would; returns a part of the reason the desktop must show.</summary>
    protected abstract Task<string> EndMachineAsync(Desktop desktop);

    /// <summary>The provider and embeddings keys as the machine of <paramref name="desktop"/> receives them.</summary>
    protected abstract Task<(string? Provider, string? Embeddings)> DeliveredKeysAsync(Desktop desktop);

    public async Task InitializeAsync()
    {
        Namespace = await Fixture.CreateNamespaceAsync("contract-" + Runtime.ToLowerInvariant());
        Desktops = new DesktopApi(Fixture.Client, Namespace);
        await StartNodeAsync();
        Operator = await OperatorInstance.StartAsync(Fixture.Plane.KubeconfigPath, Namespace, Runtime, OperatorArguments);
    }

    public async Task DisposeAsync()
    {
        await Operator.DisposeAsync();
        await StopNodeAsync();
    }

    [Fact]
    public async Task The_provider_and_embeddings_keys_reach_the_machine_and_nothing_else()
    {
        foreach (var (name, key) in new[] { ("llm", ProviderKey), ("emb", EmbeddingsKey) })
        {
            await Fixture.Client.CreateNamespacedSecretAsync(new V1Secret
            {
                Metadata = new V1ObjectMeta { Name = name }, StringData = new Dictionary<string, string> { ["apiKey"] = key },
            }, Namespace);
        }
        await Desktops.CreateAsync("keys", s => s.Provider = new Desktop.ProviderSpec
        {
            Name = ProviderName.Anthropic, SecretRef = new SecretKeyRef { Name = "llm" },
            Embeddings = new Desktop.EmbeddingsSpec { SecretRef = new SecretKeyRef { Name = "emb" } },
        });
        var desktop = await Desktops.WaitAsync("keys", d => d.Status.AgentReady, TimeSpan.FromSeconds(60), "agent ready");

        (await DeliveredKeysAsync(desktop)).Should().Be((ProviderKey, EmbeddingsKey));
        var written = KubernetesJson.Serialize(await Desktops.GetAsync("keys"))
            + KubernetesJson.Serialize(await Fixture.Client.CoreV1.ListNamespacedEventAsync(Namespace));
        written.Should().NotContain(ProviderKey).And.NotContain(EmbeddingsKey, "no key in the Desktop's spec or status, nor in an event");
        Operator.Logs.All.Should().NotContain(ProviderKey).And.NotContain(EmbeddingsKey, "no key in a log line");
    }

    [Fact]
    public async Task The_home_keeps_the_users_files_across_stop_start_and_restart()
    {
        await Desktops.CreateAsync("home");
        var desktop = await Desktops.WaitAsync("home", d => d.Status.AgentReady, TimeSpan.FromSeconds(60), "agent ready");
        var first = await MachineAsync(desktop);
        (await AgentShell.RunAsync(Fixture.Client, desktop, "[ \"$PWD\" = \"$HOME\" ] && echo kept > ~/note.txt && mkdir -p ~/work && echo ok"))
            .Should().Be("ok\n", "commands start in the home");

        await Desktops.PatchSpecAsync("home", new { running = false });
        desktop = await Desktops.WaitAsync("home", d => d.Status.Phase == DesktopPhase.Stopped, because: "stopped");
        (await MachineAsync(desktop)).Should().BeNull("a stopped desktop has no machine running");
        await Desktops.PatchSpecAsync("home", new { running = true });
        desktop = await Desktops.WaitAsync("home", d => d.Status.AgentReady, TimeSpan.FromSeconds(60), "started again");
        (await AgentShell.RunAsync(Fixture.Client, desktop, "cat ~/note.txt")).Should().Be("kept\n", "stop and start keep the home");
        var second = await MachineAsync(desktop);
        second.Should().NotBeNull().And.NotBe(first);

        await Desktops.PatchSpecAsync("home", new { restartedAt = DateTimeOffset.UtcNow });
        desktop = await Desktops.WaitAsync("home", d => d.Status.ObservedRestartedAt is not null && d.Status.AgentReady, TimeSpan.FromSeconds(60), "restarted");
        (await MachineAsync(desktop)).Should().NotBeNull().And.NotBe(second, "a restart runs a new machine");
        (await AgentShell.RunAsync(Fixture.Client, desktop, "cat ~/note.txt; test -d ~/work && echo dir")).Should().Be("kept\ndir\n", "a restart keeps the home");

        // The home is the desktop's own: another desktop starts with none of it.
        await Desktops.CreateAsync("other");
        var other = await Desktops.WaitAsync("other", d => d.Status.AgentReady, TimeSpan.FromSeconds(60), "other agent ready");
        (await AgentShell.RunAsync(Fixture.Client, other, "test -e ~/note.txt && echo shared || echo own")).Should().Be("own\n", "homes are not shared");
    }

    [Fact]
    public async Task A_machine_that_ends_is_an_error_with_its_reason_and_comes_back_only_when_asked_with_its_home()
    {
        await Desktops.CreateAsync("crash");
        var desktop = await Desktops.WaitAsync("crash", d => d.Status.AgentReady, TimeSpan.FromSeconds(60), "agent ready");
        await AgentShell.RunAsync(Fixture.Client, desktop, "echo before > ~/before.txt");
        var first = await MachineAsync(desktop);

        var reason = await EndMachineAsync(desktop);
        var failed = await Desktops.WaitAsync("crash", d => d.Status.Phase == DesktopPhase.Error, because: "the machine's end is an error");
        failed.Status.Message.Should().Contain(reason);
        failed.Status.AgentReady.Should().BeFalse();
        failed.Status.Conditions.Should().Contain(c => c.Type == ConditionTypes.Ready && c.Status == ConditionStatus.False && c.Reason == ConditionReasons.RuntimeFailed);
        await Eventually.Until(async () => (await Fixture.Client.CoreV1.ListNamespacedEventAsync(Namespace, fieldSelector: $"involvedObject.name=crash")).Items,
            events => events.Any(e => e.Type == "Warning" && e.Reason == ConditionReasons.RuntimeFailed && e.Message.Contains(reason, StringComparison.Ordinal)),
            because: "a Warning event says why");
        (await MachineAsync(failed)).Should().BeNull("the runtime does not bring the machine back by itself");
        (await Desktops.GetAsync("crash"))!.Status.Phase.Should().Be(DesktopPhase.Error, "it stays in error until asked");

        // A start of the errored desktop (the API sets restartedAt) brings it back, home included.
        await Desktops.PatchSpecAsync("crash", new { restartedAt = DateTimeOffset.UtcNow });
        desktop = await Desktops.WaitAsync("crash", d => d.Status.Phase == DesktopPhase.Running && d.Status.AgentReady, TimeSpan.FromSeconds(60), "back after a restart");
        desktop.Status.Message.Should().BeNull();
        (await MachineAsync(desktop)).Should().NotBeNull().And.NotBe(first);
        (await AgentShell.RunAsync(Fixture.Client, desktop, "cat ~/before.txt")).Should().Be("before\n");
    }

    /// <summary>The text of key <paramref name="key"/> of Secret <paramref name="name"/> in the test namespace.</summary>
    protected async Task<string?> SecretTextAsync(string name, string key)
    {
        var secret = await Fixture.Client.ReadNamespacedSecretAsync(name, Namespace);
        return secret.Data?.TryGetValue(key, out var bytes) == true ? Encoding.UTF8.GetString(bytes) : null;
    }
}
