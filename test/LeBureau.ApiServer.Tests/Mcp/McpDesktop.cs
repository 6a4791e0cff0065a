using System.Net;
using System.Text.Json;
using LeBureau.ApiServer.Tests.Infrastructure;
using LeBureau.Resources;
using LeBureau.ControlPlane;
using LeBureau.Testing;
using LeBureau.Testing.Providers;
using Microsoft.AspNetCore.Builder;

namespace LeBureau.ApiServer.Tests.Mcp;

/// <summary>
/// One real local-runtime desktop (Xvfb, window manager, the real agent, run by the real operator) shared by the MCP
/// tests of a class, with a provider stand-in for its chat agent and keys of several capability sets. Started by the
/// first test that needs it (class fixtures cannot take the collection fixture), stopped after the class.
/// </summary>
public sealed class McpDesktop : IAsyncLifetime
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private WebApplication? _operator;
    private string? _state;
    private bool _ready;

    public ApiServerFixture Api { get; private set; } = null!;
    public string Namespace { get; private set; } = "";
    public string DesktopId { get; private set; } = "";
    public string FullKey { get; private set; } = "";
    public string ReadOnlyKey { get; private set; } = "";
    public ProviderStandIn StandIn { get; private set; } = null!;

    public async Task<McpDesktop> EnsureAsync(ApiServerFixture api)
    {
        await _gate.WaitAsync();
        try
        {
            if (_ready) return this;
            Api = api;
            StandIn = await ProviderStandIn.StartAsync();
            Namespace = await api.CreateNamespaceAsync("mcp");
            _state = Directory.CreateTempSubdirectory("lebureau-mcp-").FullName;
            _operator = await LocalOperator.StartAsync(api, Namespace, _state,
                [$"--Operator:ProviderBaseUrls:anthropic={StandIn.BaseUrl.ToString().TrimEnd('/')}"]);
            FullKey = await api.CreateKeyAsync(Namespace, ApiServerFixture.All);
            ReadOnlyKey = await api.CreateKeyAsync(Namespace, [Capability.DesktopRead, Capability.TasksRead]);
            using var http = api.CreateClient(FullKey);
            var created = await (await http.PostJsonAsync("/api/desktops", new
            {
                name = "mcp", tier = "free", providerConfig = new { provider = "anthropic", apiKey = "sk-ant-mcp-provider-7d1e", model = "claude-test" },
            })).JsonAsync(HttpStatusCode.Created);
            DesktopId = created.GetProperty("id").GetString()!;
            JsonElement desktop = default;
            (await WaitFor.ConditionAsync(async _ =>
            {
                desktop = await (await http.GetAsync($"/api/desktops/{DesktopId}")).JsonAsync(HttpStatusCode.OK);
                return desktop.GetProperty("agentReady").GetBoolean();
            }, TimeSpan.FromSeconds(90), TimeSpan.FromMilliseconds(300))).Should().BeTrue($"the desktop becomes agent-ready: {desktop}");
            _ready = true;
            return this;
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_operator is not null)
        {
            await _operator.StopAsync();
            await _operator.DisposeAsync();
        }
        if (StandIn is not null) await StandIn.DisposeAsync();
        if (_state is not null)
        {
            try { Directory.Delete(_state, recursive: true); } catch (IOException) { }
        }
        _gate.Dispose();
    }
}
