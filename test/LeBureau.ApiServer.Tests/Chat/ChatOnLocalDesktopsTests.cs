using System.Net;
using System.Text.Json;
using LeBureau.ApiServer.Tests.Infrastructure;
using LeBureau.ControlPlane;
using LeBureau.Testing;
using LeBureau.Testing.Providers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace LeBureau.ApiServer.Tests.Chat;

/// <summary>
/// Chat on desktops the real operator runs (local runtime: Xvfb, window manager and the real agent binary as local
/// processes), created through the api-server with a providerConfig: the operator delivers the keys and the provider
/// base URL (the stand-in), and the history lives on the desktop's data folder across a stop and a start.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ChatOnLocalDesktopsTests(ApiServerFixture fixture) : IAsyncLifetime
{
    private const string ProviderKey = "sk-ant-local-provider-secret-51e0b7";
    private const string EmbeddingsKey = "sk-local-embeddings-secret-0c44d2";
    private readonly CapturedLogs _operatorLogs = new();
    private ProviderStandIn _standIn = null!;
    private WebApplication? _operator;
    private string _ns = "";
    private string _state = "";

    public async Task InitializeAsync()
    {
        _standIn = await ProviderStandIn.StartAsync();
        _ns = await fixture.CreateNamespaceAsync("chat-local");
        _state = Directory.CreateTempSubdirectory("lebureau-chat-local-").FullName;
        _operator = await LocalOperator.StartAsync(fixture, _ns, _state,
        [
            $"--Operator:ProviderBaseUrls:anthropic={_standIn.BaseUrl.ToString().TrimEnd('/')}",
            $"--Operator:EmbeddingsBaseUrl={new Uri(_standIn.BaseUrl, "v1")}",
            "--Logging:LogLevel:Default=Debug",
        ], builder => builder.Logging.AddProvider(_operatorLogs));
    }

    public async Task DisposeAsync()
    {
        if (_operator is not null)
        {
            await _operator.StopAsync();
            await _operator.DisposeAsync();
        }
        await _standIn.DisposeAsync();
        try { Directory.Delete(_state, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task A_desktop_created_with_a_provider_chats_with_its_key_and_keeps_its_history_and_memory_across_a_stop_and_a_start()
    {
        using var client = fixture.CreateClient(await fixture.CreateKeyAsync(_ns, ApiServerFixture.All));
        var created = await (await client.PostJsonAsync("/api/desktops", new
        {
            name = "chatty", tier = "free",
            providerConfig = new { provider = "anthropic", apiKey = ProviderKey, model = "claude-test-model", embeddingsApiKey = EmbeddingsKey },
        })).JsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString();
        await ReadyAsync(client, id!);

        _standIn.Anthropic.Enqueue(ScriptedReply.ToolCall("bash", """{"command":"echo from-the-desktop"}"""), ScriptedReply.Message("The desktop said hello."));
        var first = _standIn.Requests.Count;
        var answer = await (await client.PostJsonAsync($"/api/desktops/{id}/chat", new { message = "say hello from the desktop" })).JsonAsync(HttpStatusCode.OK);
        answer.GetProperty("response").GetString().Should().Be("The desktop said hello.");
        var calls = _standIn.Requests.Skip(first).Where(r => r.Provider == StandInProvider.Anthropic).ToList();
        calls.Should().OnlyContain(r => r.Headers["Authorization"] == $"Bearer {ProviderKey}" && r.Json!["model"]!.GetValue<string>() == "claude-test-model");
        calls[1].Body.Should().Contain("from-the-desktop", "the bash tool ran on the desktop and its output went back to the model");
        (await WaitFor.ConditionAsync(_ => Task.FromResult(_standIn.Requests.Any(r => r.Provider == StandInProvider.Embeddings)), TimeSpan.FromSeconds(10)))
            .Should().BeTrue("the embeddings key reached the desktop: the exchange is remembered");
        _standIn.Requests.Where(r => r.Provider == StandInProvider.Embeddings).Should().OnlyContain(r => r.Headers["Authorization"] == $"Bearer {EmbeddingsKey}");

        (await client.PostAsync($"/api/desktops/{id}/stop", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await WaitFor.ConditionAsync(async _ =>
            (await (await client.GetAsync($"/api/desktops/{id}")).JsonAsync(HttpStatusCode.OK)).GetProperty("status").GetString() == "stopped",
            TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(300))).Should().BeTrue("the operator stops it");
        (await client.PostAsync($"/api/desktops/{id}/start", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        await ReadyAsync(client, id!);

        var history = (await (await client.GetAsync($"/api/desktops/{id}/chat/messages")).JsonAsync(HttpStatusCode.OK)).EnumerateArray().ToList();
        history.Select(m => m.GetProperty("content").GetString()).Should().Equal("say hello from the desktop", "The desktop said hello.");
        history[1].GetProperty("id").GetString().Should().Be(answer.GetProperty("messageId").GetString());
        history[1].GetProperty("steps")[0].GetProperty("output").GetString().Should().Contain("from-the-desktop");

        var logs = _operatorLogs.All + fixture.Logs.All;
        logs.Should().NotContain(ProviderKey).And.NotContain(EmbeddingsKey);
        JsonSerializer.Serialize(history).Should().NotContain(ProviderKey);
        (await client.DeleteAsync($"/api/desktops/{id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
    }

    private static async Task ReadyAsync(HttpClient client, string id)
    {
        JsonElement desktop = default;
        (await WaitFor.ConditionAsync(async _ =>
        {
            desktop = await (await client.GetAsync($"/api/desktops/{id}")).JsonAsync(HttpStatusCode.OK);
            return desktop.GetProperty("agentReady").GetBoolean();
        }, TimeSpan.FromSeconds(90), TimeSpan.FromMilliseconds(300))).Should().BeTrue($"the desktop becomes agent-ready: {desktop}");
    }
}
