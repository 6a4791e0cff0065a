using LeBureau.Events;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace LeBureau.ApiServer.Streams;

/// <summary>Registers the replica's event hub (one Redis subscription shared by all its SSE clients).</summary>
public static class StreamsExtensions
{
    public static WebApplicationBuilder AddEventStreams(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<EventStreamOptions>().BindConfiguration("Redis");
        services.AddKeyedSingleton<IConnectionMultiplexer>(nameof(EventHub), (sp, _) =>
        {
            var config = ConfigurationOptions.Parse(sp.GetRequiredService<IOptions<EventStreamOptions>>().Value.ConnectionString);
            config.AbortOnConnectFail = false;
            return ConnectionMultiplexer.Connect(config);
        });
        services.AddSingleton(sp => new RedisEventLog(sp.GetRequiredKeyedService<IConnectionMultiplexer>(nameof(EventHub)),
            sp.GetRequiredService<IOptions<EventStreamOptions>>().Value));
        services.AddSingleton(sp => new EventHub(sp.GetRequiredKeyedService<IConnectionMultiplexer>(nameof(EventHub)),
            sp.GetRequiredService<RedisEventLog>(), sp.GetRequiredService<ILogger<EventHub>>()));
        services.AddHostedService(sp => sp.GetRequiredService<EventHub>());
        // The api-server publishes what only it sees: chat turns starting and ending (desktop.chat).
        services.AddSingleton<EventPublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<EventPublisher>());
        return builder;
    }
}
