using k8s;
using k8s.Models;
using LeBureau.Operator.Local;
using LeBureau.Operator.Tests.Infrastructure;
using LeBureau.Resources;
using LeBureau.Testing;

namespace LeBureau.Operator.Tests.Integration;

/// <summary>
/// The local runtime hands the chat agent its settings: keys by 0600 files in the desktop's folder (never on a command
/// line, never in a log), the rest as <c>--Chat:*</c> arguments, and a data folder that outlives stop, start and operator
/// restarts until the desktop is deleted.
/// </summary>
[Collection(OperatorCollection.Name)]
public sealed class LocalChatDeliveryTests(ControlPlaneFixture fixture) : IAsyncLifetime
{
    private const string ProviderKey = "sk-ant-local-provider-7f3a9c";
    private const string EmbeddingsKey = "sk-local-embeddings-5b1e2d";
    private readonly List<OperatorInstance> _operators = [];
    private DesktopApi _desktops = null!;
    private string _ns = "";
    private string _state = "";

    public async Task InitializeAsync()
    {
        _ns = await fixture.CreateNamespaceAsync("local-chat");
        _desktops = new DesktopApi(fixture.Client, _ns);
        _state = Directory.CreateTempSubdirectory("lebureau-chat-").FullName;
        foreach (var (name, key, value) in new[] { ("llm", "apiKey", ProviderKey), ("emb", "k", EmbeddingsKey) })
        {
            await fixture.Client.CreateNamespacedSecretAsync(new V1Secret
            {
                Metadata = new V1ObjectMeta { Name = name }, StringData = new Dictionary<string, string> { [key] = value },
            }, _ns);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var instance in _operators) await instance.DisposeAsync();
        Directory.Delete(_state, recursive: true);
    }

    private async Task<OperatorInstance> StartOperatorAsync()
    {
        var instance = await OperatorInstance.StartAsync(fixture.Plane.KubeconfigPath, _ns, "Local",
            "--Operator:AgentPort=18093", $"--Operator:StateDirectory={_state}",
            "--Operator:ProviderBaseUrls:anthropic=http://127.0.0.1:9/gateway", "--Operator:EmbeddingsBaseUrl=http://127.0.0.1:9/embeddings");
        _operators.Add(instance);
        return instance;
    }

    /// <summary>The command lines of every process in group <paramref name="group"/>.</summary>
    private static List<string[]> CommandLines(int group)
    {
        var lines = new List<string[]>();
        foreach (var proc in Directory.GetDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)))
        {
            try
            {
                // Fields after the command name (which may hold spaces): state, ppid, pgrp.
                var stat = File.ReadAllText(Path.Combine(proc, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (int.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture) != group) continue;
                lines.Add(File.ReadAllText(Path.Combine(proc, "cmdline")).Split('\0', StringSplitOptions.RemoveEmptyEntries));
            }
            catch (IOException)
            {
                // The process ended meanwhile.
            }
        }
        return lines;
    }

    [Fact]
    public async Task Keys_go_by_file_settings_by_argument_and_the_data_folder_lives_until_the_desktop_is_deleted()
    {
        var first = await StartOperatorAsync();
        await _desktops.CreateAsync("chat", s => s.Provider = new Desktop.ProviderSpec
        {
            Name = ProviderName.Anthropic, Model = "claude-sonnet-4-5", SecretRef = new SecretKeyRef { Name = "llm", Key = "apiKey" },
            Embeddings = new Desktop.EmbeddingsSpec { Model = "voyage-3", SecretRef = new SecretKeyRef { Name = "emb", Key = "k" } },
        });
        var desktop = await _desktops.WaitAsync("chat", d => d.Status.AgentReady, TimeSpan.FromSeconds(60), "agent ready");
        var uid = desktop.Metadata.Uid;
        var run = Path.Combine(_state, "desktops", uid);
        var data = Path.Combine(_state, "data", uid);

        foreach (var (file, key) in new[] { (LocalDesktopLauncher.ProviderKeyFile, ProviderKey), (LocalDesktopLauncher.EmbeddingsKeyFile, EmbeddingsKey) })
        {
            var path = Path.Combine(run, file);
            File.ReadAllText(path).Should().Be(key);
            File.GetUnixFileMode(path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite, $"{file} is readable by the operator's user only");
        }

        var group = first.Local!.GroupIds.Should().ContainSingle().Subject;
        var commandLines = CommandLines(group);
        var agent = commandLines.Single(argv => argv.Any(a => a.StartsWith("--Chat:", StringComparison.Ordinal)));
        agent.Where(a => a.StartsWith("--Chat:", StringComparison.Ordinal)).Should().Equal(
            "--Chat:Provider=anthropic",
            "--Chat:Model=claude-sonnet-4-5",
            $"--Chat:ApiKeyFile={Path.Combine(run, LocalDesktopLauncher.ProviderKeyFile)}",
            "--Chat:BaseUrl=http://127.0.0.1:9/gateway",
            $"--Chat:EmbeddingsApiKeyFile={Path.Combine(run, LocalDesktopLauncher.EmbeddingsKeyFile)}",
            "--Chat:EmbeddingsModel=voyage-3",
            "--Chat:EmbeddingsBaseUrl=http://127.0.0.1:9/embeddings",
            $"--Chat:DataDirectory={LocalDesktopLauncher.ChatDataFolder(data)}");
        commandLines.SelectMany(argv => argv).Should().NotContain(a => a.Contains(ProviderKey) || a.Contains(EmbeddingsKey), "no key on any command line of the group");

        // What the chat agent keeps survives stop and start, while the keys go with the desktop's folder.
        Directory.Exists(data).Should().BeTrue();
        var memory = Path.Combine(data, "memory.db");
        await File.WriteAllTextAsync(memory, "remembered");
        await _desktops.PatchSpecAsync("chat", new { running = false });
        await _desktops.WaitAsync("chat", d => d.Status.Phase == DesktopPhase.Stopped, because: "stopped");
        Directory.Exists(run).Should().BeFalse("the keys go when the desktop stops");
        File.ReadAllText(memory).Should().Be("remembered");
        await _desktops.PatchSpecAsync("chat", new { running = true });
        await _desktops.WaitAsync("chat", d => d.Status.AgentReady, TimeSpan.FromSeconds(60), "running again");
        File.ReadAllText(memory).Should().Be("remembered");

        // An operator restart (and its reap at start) keeps it too.
        await first.StopAsync();
        var second = await StartOperatorAsync();
        await _desktops.WaitAsync("chat", d => d.Status.AgentReady && second.Local!.GroupIds.Count == 1, TimeSpan.FromSeconds(60), "relaunched by the new operator");
        File.ReadAllText(memory).Should().Be("remembered");
        await new LocalDesktopLauncher(Path.Combine(_state, "desktops"), Path.Combine(_state, "data"), "").ReapAsync();
        File.ReadAllText(memory).Should().Be("remembered", "reaping kills groups and removes their folders, never chat data");

        // Deleting the desktop removes it.
        await _desktops.Client.DeleteAsync(_ns, "chat");
        await _desktops.WaitGoneAsync("chat");
        Directory.Exists(data).Should().BeFalse("a deleted desktop's chat data goes with it");

        foreach (var instance in _operators)
        {
            instance.Logs.Lines.Should().NotBeEmpty();
            instance.Logs.All.Should().NotContain(ProviderKey).And.NotContain(EmbeddingsKey, "keys are never logged");
        }
    }
}
