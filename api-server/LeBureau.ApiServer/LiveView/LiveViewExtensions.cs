using LeBureau.Events;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using LeBureau.ApiServer.Hosting;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
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

    /// <summary>Serves noVNC's files at <c>/novnc</c> when <see cref="ApiServerOptions.NoVncDirectory"/> holds them.</summary>
    public static WebApplication UseLiveViewer(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<IOptions<ApiServerOptions>>().Value;
        if (HasViewer(options))
        {
            app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(options.NoVncDirectory!), RequestPath = "/novnc" });
        }
        return app;
    }

    /// <summary>Whether noVNC is installed where the options say (its ES module <c>core/rfb.js</c>).</summary>
    public static bool HasViewer(ApiServerOptions options) =>
        !string.IsNullOrEmpty(options?.NoVncDirectory) && File.Exists(Path.Combine(options.NoVncDirectory, "core", "rfb.js"));
}
