using LeBureau.ApiServer.Tests.Infrastructure;
using LeBureau.ControlPlane;
using LeBureau.DesktopAgent.Hosting;
using LeBureau.Testing;
using LeBureau.Testing.Providers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace LeBureau.ApiServer.Tests.Chat;

/// <summary>
/// Real desktop agents with chat on, in-process, on one real 1920×1080 Xvfb (so the model sees the XGA-scaled
/// 1366×768), their providers pointed at a <see cref="ProviderStandIn"/> by base URL. Their logs are captured for
/// secret scans. The keys are written to files, as the operator's local runtime does.
/// </summary>
public sealed class ChatAgents : IAsyncLifetime
{
    public const string ProviderKey = "sk-ant-chat-provider-secret-6d1f0e";
    public const string EmbeddingsKey = "sk-emb-chat-embeddings-secret-93c2aa";

    private readonly List<WebApplication> _agents = [];

    public XvfbDisplay Display { get; private set; } = null!;

    public ProviderStandIn StandIn { get; private set; } = null!;

    public string Root { get; } = Directory.CreateTempSubdirectory("lebureau-chat-").FullName;

    public CapturedLogs Logs { get; } = new();

    public async Task InitializeAsync()
    {
        Display = await XvfbDisplay.StartAsync(600 + Random.Shared.Next(0, 200), 1920, 1080);
        StandIn = await ProviderStandIn.StartAsync();
        await File.WriteAllTextAsync(Path.Combine(Root, "provider-key"), ProviderKey + "\n");
        await File.WriteAllTextAsync(Path.Combine(Root, "embeddings-key"), EmbeddingsKey);
    }

    /// <summary>Starts an agent for <paramref name="provider"/> keeping its data in <paramref name="data"/> (a fresh folder when null).</summary>
    public async Task<Uri> StartAgentAsync(string provider, bool memory = false, string? data = null, Uri? address = null, params string[] extra)
    {
        address ??= new Uri($"http://127.0.0.1:{FreePort.Next()}");
        data ??= Directory.CreateDirectory(Path.Combine(Root, "data-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        var baseUrl = provider switch
        {
            "anthropic" => StandIn.BaseUrl.ToString().TrimEnd('/'),
            "openrouter" => new Uri(StandIn.BaseUrl, "api/v1").ToString(),
            _ => new Uri(StandIn.BaseUrl, "v1").ToString(),
        };
        string[] args =
        [
            "--urls", address.ToString().TrimEnd('/'), $"--Agent:Display={Display.Name}", $"--Agent:Token={ApiServerFixture.AgentToken}",
            $"--Agent:VncPort={FreePort.Next()}", $"--Agent:VncViewOnlyPort={FreePort.Next()}",
            $"--Chat:Provider={provider}", $"--Chat:ApiKeyFile={Path.Combine(Root, "provider-key")}", $"--Chat:BaseUrl={baseUrl}",
            $"--Chat:DataDirectory={data}", "--Chat:StepTimeout=00:00:04", "--Chat:Tools:SettleDelayMs=0", "--Logging:LogLevel:Default=Debug",
            .. memory
                ? new[] { $"--Chat:EmbeddingsApiKeyFile={Path.Combine(Root, "embeddings-key")}", $"--Chat:EmbeddingsBaseUrl={new Uri(StandIn.BaseUrl, "v1")}" }
                : [],
            .. extra,
        ];
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.AddProvider(Logs);
        builder.AddDesktopAgent();
        var app = builder.Build();
        app.MapDesktopAgent();
        await app.StartAsync();
        lock (_agents) _agents.Add(app);
        return address;
    }

    /// <summary>Stops the agent listening on <paramref name="address"/> (an agent restart, when started again on it).</summary>
    public async Task StopAgentAsync(Uri address)
    {
        WebApplication[] matching;
        lock (_agents) matching = [.. _agents.Where(a => a.Urls.Any(u => new Uri(u) == address))];
        foreach (var app in matching)
        {
            await app.StopAsync();
            await app.DisposeAsync();
            lock (_agents) _agents.Remove(app);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var app in _agents.ToList())
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
        await StandIn.DisposeAsync();
        Display.Dispose();
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
