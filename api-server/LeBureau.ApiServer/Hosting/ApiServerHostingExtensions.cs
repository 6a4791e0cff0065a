using LeBureau.ApiServer.Streams;
using System.Text.Json;
using System.Text.Json.Serialization;
using k8s;
using LeBureau.ApiServer.Activity;
using LeBureau.ApiServer.Agent;
using LeBureau.ApiServer.Auth;
using LeBureau.ApiServer.Cache;
using LeBureau.ApiServer.Chat;
using LeBureau.ApiServer.Control;
using LeBureau.ApiServer.Cyberdesk;
using LeBureau.ApiServer.Desktops;
using LeBureau.ApiServer.LiveView;
using LeBureau.ApiServer.Mcp;
using LeBureau.ApiServer.MissionControl;
using LeBureau.ApiServer.RateLimiting;
using LeBureau.Operator.Runtime;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;

namespace LeBureau.ApiServer.Hosting;

public static class ApiServerHostingExtensions
{
    /// <summary>Options, the Kubernetes client and watch caches, Redis, the agent client, JSON, OpenAPI.</summary>
    public static WebApplicationBuilder AddApiServer(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<ApiServerOptions>().BindConfiguration(ApiServerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<KubernetesOptions>().BindConfiguration(KubernetesOptions.Section).ValidateOnStart();
        builder.Services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.Section).ValidateOnStart();

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp => new Kubernetes(KubernetesConfig(sp.GetRequiredService<IOptions<KubernetesOptions>>().Value)));
        builder.Services.AddSingleton<IKubernetes>(sp => sp.GetRequiredService<Kubernetes>());
        builder.Services.AddSingleton(sp => new KubeApi(sp.GetRequiredService<Kubernetes>()));
        builder.Services.AddSingleton<ResourceCaches>();
        builder.Services.AddHostedService<CacheHost>();
        builder.Services.AddSingleton<RedisRateLimiter>();
        builder.Services.AddSingleton<DesktopLookup>();
        builder.Services.AddSingleton<DesktopWriter>();
        builder.Services.AddSingleton<TaskLookup>();
        builder.Services.AddSingleton<TaskWriter>();
        builder.Services.AddSingleton<ActivityRecorder>();
        builder.Services.AddHttpClient<AgentClient>().ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { UseProxy = false });

        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.Configure<JsonOptions>(o => ConfigureJson(o.SerializerOptions));
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ApiExceptionHandler>();
        builder.Services.AddOpenApi(o => o.AddApiKeySchemes());
        // Request-start lines carry the query string, and SSE clients put their API key there (?apiKey=).
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.AddEventStreams();
        builder.Services.AddSingleton<ChatRelayServices>();
        builder.AddLiveView();
        builder.AddMcp();
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
            kestrel.Limits.MaxRequestBodySize = context.Configuration.GetValue<long?>($"{ApiServerOptions.Section}:{nameof(ApiServerOptions.MaxRequestBodyBytes)}")
                ?? new ApiServerOptions().MaxRequestBodyBytes);
        return builder;
    }

    /// <summary>Middleware and every route.</summary>
    public static WebApplication UseApiServer(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseWebSockets();
        app.UseLiveViewer();
        app.UseRouting();
        app.UseMiddleware<ApiGuardMiddleware>();
        app.MapHealthApi();
        app.MapOpenApi();
        app.MapScalarApiReference("/docs");
        app.MapMeApi();
        app.MapDesktopsApi();
        app.MapLifecycleApi();
        app.MapControlApi();
        app.MapChatApi();
        app.MapCyberdeskApi();
        app.MapLiveViewApi();
        app.MapMissionControlApi();
        app.MapStreamsApi();
        app.MapMcpApi();
        return app;
    }

    /// <summary>Strict JSON: numbers are numbers (a coordinate "10" is a 400), enums by their wire names, polymorphic "type" anywhere in the object.</summary>
    public static void ConfigureJson(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.NumberHandling = JsonNumberHandling.Strict;
        options.AllowOutOfOrderMetadataProperties = true;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
    }

    private static KubernetesClientConfiguration KubernetesConfig(KubernetesOptions options) =>
        !string.IsNullOrEmpty(options.Kubeconfig) ? KubernetesClientConfiguration.BuildConfigFromConfigFile(options.Kubeconfig)
        : KubernetesClientConfiguration.IsInCluster() ? KubernetesClientConfiguration.InClusterConfig()
        : KubernetesClientConfiguration.BuildDefaultConfig();
}
