using System.Text;
using k8s;
using k8s.Models;
using LeBureau.Operator.Desktops;
using LeBureau.Operator.Tests.Infrastructure;
using LeBureau.Operator.Tests.KubeVirtSimulator;
using LeBureau.Resources;
using LeBureau.Testing;

namespace LeBureau.Operator.Tests.Integration;

/// <summary>
/// Bad input: a missing provider Secret is an Error with an Event (after a grace of 10 s here), fixed by creating it,
/// and touches nothing else; a Secret that arrives within the grace is no error at all.
/// </summary>
[Collection(OperatorCollection.Name)]
public sealed class ProviderSecretTests(ControlPlaneFixture fixture) : IAsyncLifetime
{
    private const string ProviderKey = "sk-ant-test-0123456789abcdef";
    private DesktopApi _desktops = null!;
    private VirtualMachineSimulator _simulator = null!;
    private OperatorInstance _operator = null!;
    private string _ns = "";

    public async Task InitializeAsync()
    {
        _ns = await fixture.CreateNamespaceAsync("provider");
        _desktops = new DesktopApi(fixture.Client, _ns);
        _simulator = await VirtualMachineSimulator.StartAsync(fixture.Plane, _ns, agentBinary: null);
        _operator = await OperatorInstance.StartAsync(fixture.Plane.KubeconfigPath, _ns, extra: "--Operator:ProviderSecretGrace=00:00:10");
    }

    public async Task DisposeAsync()
    {
        await _operator.DisposeAsync();
        await _simulator.DisposeAsync();
    }

    [Fact]
    public async Task A_missing_provider_secret_is_an_error_until_it_is_created()
    {
        await _desktops.CreateAsync("good");
        var good = await _desktops.WaitAsync("good", d => d.Status.Phase == DesktopPhase.Running, because: "good running");

        await _desktops.CreateAsync("bad", s => s.Provider = new Desktop.ProviderSpec
        {
            Name = ProviderName.Anthropic, SecretRef = new SecretKeyRef { Name = "anthropic", Key = "apiKey" },
        });
        var bad = await _desktops.WaitAsync("bad", d => d.Status.Phase == DesktopPhase.Error, because: "bad in Error");
        bad.Status.Message.Should().Contain("anthropic");
        bad.Status.Conditions.Should().Contain(c => c.Type == ConditionTypes.Ready && c.Reason == ConditionReasons.ProviderSecretMissing);
        (await _desktops.Machines.GetAsync(_ns, "bad")).Should().BeNull();
        await Eventually.Until(async () => (await fixture.Client.CoreV1.ListNamespacedEventAsync(_ns, fieldSelector: $"involvedObject.name=bad")).Items,
            e => e.Any(x => x.Reason == ConditionReasons.ProviderSecretMissing && x.Type == "Warning" && x.Count >= 2), because: "one Warning event, its count bumped by retries");
        (await fixture.Client.CoreV1.ListNamespacedEventAsync(_ns, fieldSelector: $"involvedObject.name=bad")).Items
            .Count(x => x.Reason == ConditionReasons.ProviderSecretMissing).Should().Be(1, "repeats aggregate into one Event");
        var describe = await fixture.Kubectl.RunAsync(["describe", "desktop", "bad", "-n", _ns]);
        describe.StdOut.Should().Contain(ConditionReasons.ProviderSecretMissing);

        // The other desktop is untouched.
        var stillGood = (await _desktops.GetAsync("good"))!;
        stillGood.Status.Phase.Should().Be(DesktopPhase.Running);
        stillGood.Status.StartedAt.Should().Be(good.Status.StartedAt);
        (await _desktops.Instances.GetAsync(_ns, "good"))!.Metadata.Uid.Should().Be((await _desktops.Instances.GetAsync(_ns, "good"))!.Metadata.Uid);

        await fixture.Client.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "anthropic" },
            StringData = new Dictionary<string, string> { ["apiKey"] = ProviderKey },
        }, _ns);
        var fixedDesktop = await _desktops.WaitAsync("bad", d => d.Status.Phase == DesktopPhase.Running, because: "bad recovers");
        fixedDesktop.Status.Conditions.Should().NotContain(c => c.Reason == ConditionReasons.ProviderSecretMissing);

        // The key reaches the machine through the cloud-init Secret only: never the VM, the status or the Desktop.
        var cloudInit = await fixture.Client.ReadNamespacedSecretAsync(DesktopNames.CloudInitSecret("bad"), _ns);
        var contents = System.Text.RegularExpressions.Regex.Matches(Encoding.UTF8.GetString(cloudInit.Data["userdata"]), @"content: (\S+)")
            .Select(m => Encoding.UTF8.GetString(Convert.FromBase64String(m.Groups[1].Value)));
        contents.Should().Contain(c => c.Contains($"LEBUREAU_PROVIDER_KEY={ProviderKey}"));
        KubernetesJson.Serialize(await _desktops.Machines.GetAsync(_ns, "bad")).Should().NotContain(ProviderKey);
        KubernetesJson.Serialize(fixedDesktop).Should().NotContain(ProviderKey);
    }

    [Fact]
    public async Task A_secret_created_just_after_its_desktop_is_waited_for_not_an_error()
    {
        await _desktops.CreateAsync("late", s => s.Provider = new Desktop.ProviderSpec
        {
            Name = ProviderName.Anthropic, SecretRef = new SecretKeyRef { Name = "late-key", Key = "apiKey" },
        });
        var waiting = await _desktops.WaitAsync("late", d => d.Status.Conditions?.Any(c => c.Reason == ConditionReasons.WaitingForProviderSecret) == true,
            because: "late waits for its Secret");
        waiting.Status.Phase.Should().Be(DesktopPhase.Pending);

        await fixture.Client.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "late-key" },
            StringData = new Dictionary<string, string> { ["apiKey"] = ProviderKey },
        }, _ns);
        await _desktops.WaitAsync("late", d => d.Status.Phase == DesktopPhase.Running, because: "late runs once its Secret is there");

        (await fixture.Client.CoreV1.ListNamespacedEventAsync(_ns, fieldSelector: "involvedObject.name=late")).Items
            .Should().NotContain(e => e.Type == "Warning", "waiting for a Secret that arrives is not a problem");
    }

    [Fact]
    public async Task A_desktop_waits_for_its_embeddings_secret_and_runs_once_it_is_created()
    {
        const string EmbeddingsKey = "sk-embeddings-test-fedcba9876";
        await fixture.Client.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "chat-key" },
            StringData = new Dictionary<string, string> { ["apiKey"] = ProviderKey },
        }, _ns);
        await _desktops.CreateAsync("memory", s => s.Provider = new Desktop.ProviderSpec
        {
            Name = ProviderName.OpenAI, SecretRef = new SecretKeyRef { Name = "chat-key", Key = "apiKey" },
            Embeddings = new Desktop.EmbeddingsSpec { Model = "text-embedding-3-small", SecretRef = new SecretKeyRef { Name = "embeddings-key", Key = "key" } },
        });
        var waiting = await _desktops.WaitAsync("memory", d => d.Status.Conditions?.Any(c => c.Reason == ConditionReasons.WaitingForProviderSecret) == true,
            because: "memory waits for its embeddings Secret");
        waiting.Status.Conditions.Should().Contain(c => c.Reason == ConditionReasons.WaitingForProviderSecret && c.Message != null && c.Message.Contains("embeddings-key"));

        // Only the embeddings Secret arrives: its informer event alone must bring the desktop back (the index covers it).
        await fixture.Client.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "embeddings-key" },
            StringData = new Dictionary<string, string> { ["key"] = EmbeddingsKey },
        }, _ns);
        await _desktops.WaitAsync("memory", d => d.Status.Phase == DesktopPhase.Running, because: "memory runs once its embeddings Secret is there");

        var cloudInit = await fixture.Client.ReadNamespacedSecretAsync(DesktopNames.CloudInitSecret("memory"), _ns);
        var contents = System.Text.RegularExpressions.Regex.Matches(Encoding.UTF8.GetString(cloudInit.Data["userdata"]), @"content: (\S+)")
            .Select(m => Encoding.UTF8.GetString(Convert.FromBase64String(m.Groups[1].Value))).ToList();
        contents.Should().Contain(c => c.Contains($"LEBUREAU_EMBEDDINGS_KEY={EmbeddingsKey}\n") && c.Contains("LEBUREAU_EMBEDDINGS_MODEL=text-embedding-3-small\n")
            && c.Contains($"LEBUREAU_PROVIDER_KEY={ProviderKey}\n"));
        _operator.Logs.All.Should().NotContain(EmbeddingsKey).And.NotContain(ProviderKey, "keys are never logged");
    }
}
