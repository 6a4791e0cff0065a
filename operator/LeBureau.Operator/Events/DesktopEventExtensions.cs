using LeBureau.Events;
using LeBureau.Operator.Runtime;
using LeBureau.Resources;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace LeBureau.Operator.Events;

/// <summary>Registers the event publisher when Redis is configured (<c>Redis:ConnectionString</c>).</summary>
public static class DesktopEventExtensions
{
    /// <summary>Adds Redis, the outbox publisher and the desktop and task event sources (leader-only controllers).</summary>
    public static WebApplicationBuilder AddDesktopEvents(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (string.IsNullOrEmpty(builder.Configuration["Redis:ConnectionString"])) return builder;
        var services = builder.Services;
        services.AddOptions<EventStreamOptions>().BindConfiguration("Redis");
        services.AddOptions<DesktopEventOptions>().BindConfiguration("Operator:Events");
        services.AddSingleton<IConnectionMultiplexer>(sp =>
        {
            var config = ConfigurationOptions.Parse(sp.GetRequiredService<IOptions<EventStreamOptions>>().Value.ConnectionString);
            config.AbortOnConnectFail = false;
            return ConnectionMultiplexer.Connect(config);
        });
        services.AddSingleton(sp => new RedisEventLog(sp.GetRequiredService<IConnectionMultiplexer>(),
            sp.GetRequiredService<IOptions<EventStreamOptions>>().Value));
        services.AddSingleton<EventPublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<EventPublisher>());
        services.AddHttpClient<DesktopEventSource>();
        services.AddSingleton<IController>(sp => sp.GetRequiredService<DesktopEventSource>());
        services.AddInformer<DesktopTask>();
        services.AddSingleton<TaskEventSource>();
        services.AddSingleton<IController>(sp => sp.GetRequiredService<TaskEventSource>());
        return builder;
    }
}
