using LeBureau.Events;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using StackExchange.Redis;

namespace LeBureau.ApiServer.LiveView;

/// <summary>Registers live-view tickets: Data Protection with its key ring in the replicas' shared Redis (when configured).</summary>
public static class LiveViewExtensions
{
    public const string KeyRingKey = "lebureau:data-protection:keys";

    public static WebApplicationBuilder AddLiveView(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddDataProtection().SetApplicationName("lebureau-api-server");
        if (!string.IsNullOrEmpty(builder.Configuration["Redis:ConnectionString"]))
        {
            builder.Services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider>((options, services) =>
                options.XmlRepository = new RedisXmlRepository(
                    () => services.GetRequiredKeyedService<IConnectionMultiplexer>(nameof(EventHub)).GetDatabase(), KeyRingKey));
        }
        builder.Services.AddSingleton<LiveViewTickets>();
        return builder;
    }
}
