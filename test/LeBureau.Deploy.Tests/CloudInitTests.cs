using System.Text;
using k8s.Models;
using LeBureau.Deploy.Tests.Infrastructure;
using LeBureau.Operator;
using LeBureau.Operator.KubeVirt;
using LeBureau.Operator.Machines;
using LeBureau.Resources;
using LeBureau.Testing;
using YamlDotNet.RepresentationModel;

namespace LeBureau.Deploy.Tests;

/// <summary>
/// The cloud-init user data the operator renders for a VM: a valid #cloud-config whose secrets are only in
/// root-only files, and whose files and service are the ones the desktop disk image's agent unit uses.
/// </summary>
public sealed class CloudInitTests
{
    private const string Token = "agent-token-3f9c1e";
    private const string ProviderKey = "sk-ant-api03-secret-provider-key";
    private const string EmbeddingsKey = "sk-embeddings-secret-key";

    private static Desktop NewDesktop(string? model = "claude-sonnet-4-5", bool withProvider = true, Desktop.EmbeddingsSpec? embeddings = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = "research-desk", NamespaceProperty = "alice" },
        Spec = new Desktop.DesktopSpec
        {
            DisplayName = "Research desk",
            Tier = Tier.Pro,
            Resolution = new Desktop.ResolutionSpec { Width = 1366, Height = 768 },
            Provider = withProvider ? new Desktop.ProviderSpec { Name = ProviderName.Anthropic, Model = model, Embeddings = embeddings } : null,
        },
    };

    private static YamlMappingNode Parse(string userData) => (YamlMappingNode)Yaml.Documents(userData).Single();

    private static IReadOnlyList<YamlMappingNode> WriteFiles(YamlMappingNode doc) =>
        [.. ((YamlSequenceNode)doc.Child("write_files")!).Children.Cast<YamlMappingNode>()];

    private static YamlMappingNode FileAt(YamlMappingNode doc, string path) => WriteFiles(doc).Single(f => f.Scalar("path") == path);

    private static string Content(YamlMappingNode file) => file.Scalar("encoding") is "b64" or "base64"
        ? Encoding.UTF8.GetString(Convert.FromBase64String(file.Scalar("content")!))
        : file.Scalar("content")!;

    /// <summary>KEY=value lines of the environment file.</summary>
    private static Dictionary<string, string> Env(YamlMappingNode doc) =>
        Content(FileAt(doc, "/etc/lebureau/agent.env")).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);

    /// <summary>The user data of <paramref name="desktop"/> with the settings the reconciler builds (keys: the constants above).</summary>
    private static string Render(Desktop desktop, OperatorOptions? options = null)
    {
        if (desktop.Spec.Provider is not { } provider) return CloudInit.UserData(desktop, Token, null, 8080);
        var embeddingsKey = ChatDelivery.EmbeddingsSecretRef(provider) switch
        {
            null => null,
            var reference when reference == provider.SecretRef => ProviderKey,
            _ => EmbeddingsKey,
        };
        var chat = ChatDelivery.Settings(provider, ProviderKey, embeddingsKey, options ?? new OperatorOptions());
        return CloudInit.UserData(desktop, Token, chat, 8080);
    }

    [Fact]
    public void User_data_starts_with_the_cloud_config_header()
    {
        Render(NewDesktop()).Split('\n')[0].Should().Be("#cloud-config");
    }

    [Fact]
    public void User_data_is_one_yaml_mapping_of_known_cloud_init_modules()
    {
        var doc = Parse(Render(NewDesktop()));

        doc.Children.Keys.Select(k => k.ToString()).Should().BeSubsetOf(["write_files", "runcmd", "bootcmd", "users", "packages", "ssh_pwauth"]);
        doc.Child("write_files").Should().BeOfType<YamlSequenceNode>();
    }

    [Fact]
    public void The_agent_token_is_written_root_only_to_the_token_file()
    {
        var file = FileAt(Parse(Render(NewDesktop())), "/etc/lebureau/agent-token");

        file.Scalar("permissions").Should().Be("0600");
        Content(file).Should().Be(Token);
    }

    [Fact]
    public void Every_written_file_is_readable_by_root_only()
    {
        WriteFiles(Parse(Render(NewDesktop()))).Select(f => $"{f.Scalar("path")} {f.Scalar("permissions")}")
            .Should().OnlyContain(s => s.EndsWith(" 0600", StringComparison.Ordinal));
    }

    [Fact]
    public void The_provider_key_is_only_inside_the_root_only_environment_file()
    {
        var userData = Render(NewDesktop());
        var doc = Parse(userData);

        userData.Should().NotContain(ProviderKey, "the key is never in the document in plain text");
        var holders = WriteFiles(doc).Where(f => Content(f).Contains(ProviderKey, StringComparison.Ordinal)).ToList();
        holders.Select(f => f.Scalar("path")).Should().Equal("/etc/lebureau/agent.env");
        holders.Single().Scalar("permissions").Should().Be("0600");
        Env(doc)["LEBUREAU_PROVIDER_KEY"].Should().Be(ProviderKey);
        ((YamlSequenceNode)doc.Child("runcmd")!).ToString().Should().NotContain(ProviderKey);
    }

    [Fact]
    public void A_desktop_without_a_provider_gets_no_provider_settings()
    {
        var env = Env(Parse(Render(NewDesktop(withProvider: false))));

        env.Keys.Should().NotContain(k => k.StartsWith("LEBUREAU_PROVIDER", StringComparison.Ordinal) || k.StartsWith("LEBUREAU_EMBEDDINGS", StringComparison.Ordinal));
        env["LEBUREAU_AGENT_PORT"].Should().Be("8080");
        env["LEBUREAU_DATA_DIR"].Should().Be("/var/lib/lebureau");
    }

    [Fact]
    public void The_environment_file_carries_port_resolution_provider_and_model()
    {
        var env = Env(Parse(Render(NewDesktop())));

        env.Should().Contain("LEBUREAU_AGENT_PORT", "8080")
            .And.Contain("LEBUREAU_RESOLUTION", "1366x768")
            .And.Contain("LEBUREAU_PROVIDER", "anthropic")
            .And.Contain("LEBUREAU_MODEL", "claude-sonnet-4-5");
    }

    [Fact]
    public void Embeddings_with_their_own_key_get_it_root_only_with_their_model_and_base_urls()
    {
        var options = new OperatorOptions { EmbeddingsBaseUrl = "http://embed:9000" };
        options.ProviderBaseUrls["anthropic"] = "http://gateway:8080";
        var userData = Render(NewDesktop(embeddings: new Desktop.EmbeddingsSpec { Model = "voyage-3", SecretRef = new SecretKeyRef { Name = "emb" } }), options);
        var doc = Parse(userData);
        var env = Env(doc);

        userData.Should().NotContain(EmbeddingsKey, "the key is never in the document in plain text");
        WriteFiles(doc).Where(f => Content(f).Contains(EmbeddingsKey, StringComparison.Ordinal)).Select(f => f.Scalar("path")).Should().Equal("/etc/lebureau/agent.env");
        env.Should().Contain("LEBUREAU_EMBEDDINGS_KEY", EmbeddingsKey)
            .And.Contain("LEBUREAU_EMBEDDINGS_MODEL", "voyage-3")
            .And.Contain("LEBUREAU_EMBEDDINGS_BASE_URL", "http://embed:9000")
            .And.Contain("LEBUREAU_PROVIDER_BASE_URL", "http://gateway:8080")
            .And.Contain("LEBUREAU_PROVIDER_KEY", ProviderKey);
    }

    [Fact]
    public void Embeddings_without_a_secret_get_the_provider_key()
    {
        var env = Env(Parse(Render(NewDesktop(embeddings: new Desktop.EmbeddingsSpec()))));

        env["LEBUREAU_EMBEDDINGS_KEY"].Should().Be(ProviderKey);
        env.Keys.Should().NotContain(["LEBUREAU_EMBEDDINGS_MODEL", "LEBUREAU_EMBEDDINGS_BASE_URL", "LEBUREAU_PROVIDER_BASE_URL"], "none is set");
    }

    [Fact]
    public void Without_embeddings_there_are_no_embeddings_settings()
    {
        var env = Env(Parse(Render(NewDesktop(), new OperatorOptions { EmbeddingsBaseUrl = "http://embed:9000" })));

        env.Keys.Should().NotContain(k => k.StartsWith("LEBUREAU_EMBEDDINGS", StringComparison.Ordinal), "memory is off");
        env["LEBUREAU_PROVIDER_KEY"].Should().Be(ProviderKey);
        env["LEBUREAU_DATA_DIR"].Should().Be(CloudInit.DataDirectory);
    }

    [Fact]
    public void Yaml_syntax_in_user_supplied_fields_cannot_change_the_document()
    {
        var hostile = "m'\n- path: /etc/sudoers.d/evil\n  content: 'ALL ALL=(ALL) NOPASSWD: ALL'";

        var doc = Parse(Render(NewDesktop(model: hostile)));

        WriteFiles(doc).Select(f => f.Scalar("path")).Should().BeEquivalentTo(["/etc/lebureau/agent-token", "/etc/lebureau/agent.env"]);
    }

    [Fact]
    public void Runcmd_restarts_the_agent_unit_that_the_desktop_disk_installs()
    {
        var runcmd = ((YamlSequenceNode)Parse(Render(NewDesktop())).Child("runcmd")!).Children
            .Select(c => c is YamlSequenceNode argv ? string.Join(' ', argv.Children) : c.ToString()).ToList();
        var unitFile = RepoPaths.Of("desktop-agent", "containerdisk", "lebureau-agent.service");

        runcmd.Should().Contain(c => c.Contains("systemctl") && c.Contains("restart") && c.Contains("lebureau-agent.service"));
        File.Exists(unitFile).Should().BeTrue("the disk image installs the unit cloud-init restarts");
    }

    [Fact]
    public void The_agent_unit_reads_the_files_cloud_init_writes()
    {
        var unit = File.ReadAllText(RepoPaths.Of("desktop-agent", "containerdisk", "lebureau-agent.service"));
        var paths = WriteFiles(Parse(Render(NewDesktop()))).Select(f => f.Scalar("path")!).ToList();

        unit.Should().Contain("EnvironmentFile=/etc/lebureau/agent.env");
        unit.Should().Contain("LoadCredential=agent-token:/etc/lebureau/agent-token", "the root-only token reaches the unprivileged agent as a credential");
        unit.Should().Contain("--Agent:TokenFile=%d/agent-token");
        unit.Should().Contain("${LEBUREAU_AGENT_PORT}");
        paths.Should().Contain(["/etc/lebureau/agent.env", "/etc/lebureau/agent-token"]);
    }
}
