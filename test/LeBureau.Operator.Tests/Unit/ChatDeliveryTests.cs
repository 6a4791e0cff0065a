using k8s.Models;
using LeBureau.Operator.Desktops;
using LeBureau.Operator.Local;
using LeBureau.Operator.Machines;
using LeBureau.Operator.Tiers;
using LeBureau.Resources;

namespace LeBureau.Operator.Tests.Unit;

/// <summary>What a desktop's chat agent gets: which Secrets it reads, the settings built from them and the options, the local agent's arguments.</summary>
public sealed class ChatDeliveryTests
{
    private const string ProviderKey = "sk-ant-provider-0123";
    private const string EmbeddingsKey = "sk-emb-0456";

    private static Desktop.ProviderSpec Provider(Desktop.EmbeddingsSpec? embeddings = null) => new()
    {
        Name = ProviderName.OpenRouter, Model = "openai/gpt-4o", SecretRef = new SecretKeyRef { Name = "llm", Key = "apiKey" }, Embeddings = embeddings,
    };

    private static Desktop Desktop(Desktop.ProviderSpec? provider) => new()
    {
        Metadata = new V1ObjectMeta { Name = "d", NamespaceProperty = "ns" },
        Spec = new Desktop.DesktopSpec { Provider = provider },
    };

    private static OperatorOptions Options(string? embeddingsBaseUrl = null, params (string Provider, string Url)[] baseUrls)
    {
        var options = new OperatorOptions { EmbeddingsBaseUrl = embeddingsBaseUrl };
        foreach (var (provider, url) in baseUrls) options.ProviderBaseUrls[provider] = url;
        return options;
    }

    [Fact]
    public void Without_an_embeddings_block_there_is_no_embeddings_key()
    {
        ChatDelivery.EmbeddingsSecretRef(Provider()).Should().BeNull();
        ChatDelivery.SecretNames(Desktop(Provider())).Should().Equal("llm");
    }

    [Fact]
    public void Embeddings_without_a_secret_ref_use_the_provider_key()
    {
        var provider = Provider(new Desktop.EmbeddingsSpec { Model = "text-embedding-3-small" });
        ChatDelivery.EmbeddingsSecretRef(provider).Should().BeSameAs(provider.SecretRef);
        ChatDelivery.SecretNames(Desktop(provider)).Should().Equal("llm");
    }

    [Fact]
    public void Embeddings_with_a_secret_ref_use_their_own_secret()
    {
        var provider = Provider(new Desktop.EmbeddingsSpec { SecretRef = new SecretKeyRef { Name = "emb", Key = "k" } });
        ChatDelivery.EmbeddingsSecretRef(provider)!.Name.Should().Be("emb");
        ChatDelivery.SecretNames(Desktop(provider)).Should().Equal("llm", "emb");
        DesktopReconciler.ProviderSecretKeys(Desktop(provider)).Should().Equal("ns/llm", "ns/emb");
        DesktopReconciler.ProviderSecretKeys(Desktop(null)).Should().BeEmpty();
    }

    [Fact]
    public void Base_urls_come_from_the_options_by_provider_name_in_any_case()
    {
        var options = Options(null, ("OpenRouter", "http://gateway:8080/or"), ("anthropic", "http://gateway:8080/a"));
        ChatDelivery.BaseUrl(options, ProviderName.OpenRouter).Should().Be("http://gateway:8080/or");
        ChatDelivery.BaseUrl(options, ProviderName.Anthropic).Should().Be("http://gateway:8080/a");
        ChatDelivery.BaseUrl(options, ProviderName.OpenAI).Should().BeNull("no entry: the provider's own URL");
        ChatDelivery.BaseUrl(new OperatorOptions(), ProviderName.OpenAI).Should().BeNull();
    }

    [Fact]
    public void Settings_carry_the_embeddings_model_and_base_url_only_with_an_embeddings_key()
    {
        var options = Options("http://embed:9000", ("openrouter", "http://gateway:8080"));
        var withMemory = ChatDelivery.Settings(Provider(new Desktop.EmbeddingsSpec { Model = "e-1" }), ProviderKey, EmbeddingsKey, options);
        withMemory.Should().Be(new ChatSettings("openrouter", "openai/gpt-4o", ProviderKey, "http://gateway:8080", EmbeddingsKey, "e-1", "http://embed:9000"));

        var without = ChatDelivery.Settings(Provider(), ProviderKey, null, options);
        without.Should().Be(new ChatSettings("openrouter", "openai/gpt-4o", ProviderKey, "http://gateway:8080", null, null, null));
    }

    [Fact]
    public void Requests_and_settings_print_no_secret()
    {
        var chat = new ChatSettings("anthropic", "m", ProviderKey, null, EmbeddingsKey, "e", null);
        var request = new MachineRequest(Desktop(Provider()), new TierSize { Cpu = 1, Memory = "1Gi", Disk = "1Gi" }, "agent-token-secret", chat);
        foreach (var text in new[] { chat.ToString(), request.ToString() })
        {
            text.Should().NotContain(ProviderKey).And.NotContain(EmbeddingsKey).And.NotContain("agent-token-secret");
        }
        chat.ToString().Should().Contain("Provider = anthropic").And.Contain("Embeddings = on");
    }

    [Fact]
    public void The_local_agent_gets_key_files_settings_and_its_data_folder()
    {
        var chat = new ChatSettings("anthropic", "claude-sonnet-4-5", ProviderKey, "http://gw:1", EmbeddingsKey, "e-1", "http://emb:2");
        LocalDesktopLauncher.ChatArguments(chat, "/run/d", "/data/d").Should().Equal(
            "--Chat:Provider=anthropic",
            "--Chat:Model=claude-sonnet-4-5",
            "--Chat:ApiKeyFile=/run/d/provider-key",
            "--Chat:BaseUrl=http://gw:1",
            "--Chat:EmbeddingsApiKeyFile=/run/d/embeddings-key",
            "--Chat:EmbeddingsModel=e-1",
            "--Chat:EmbeddingsBaseUrl=http://emb:2",
            "--Chat:DataDirectory=/data/d");

        LocalDesktopLauncher.ChatArguments(new ChatSettings("openai", null, ProviderKey, null, null, null, null), "/run/d", "/data/d").Should().Equal(
            "--Chat:Provider=openai", "--Chat:ApiKeyFile=/run/d/provider-key", "--Chat:DataDirectory=/data/d");
        LocalDesktopLauncher.ChatArguments(null, "/run/d", "/data/d").Should().Equal("--Chat:DataDirectory=/data/d");
    }
}
