using System.Text.Json;
using System.Text.Json.Serialization;
using LeBureau.DesktopAgent.Chat;
using LeBureau.DesktopAgent.Chat.Tools;
using LeBureau.DesktopAgent.Exec;
using LeBureau.DesktopAgent.Files;
using LeBureau.DesktopAgent.Input;
using LeBureau.DesktopAgent.Metrics;
using LeBureau.DesktopAgent.Runs;
using LeBureau.DesktopAgent.Screenshot;
using LeBureau.DesktopAgent.Vnc;
using LeBureau.DesktopAgent.X11;

namespace LeBureau.DesktopAgent.Hosting;

/// <summary>Composition of the desktop agent: services (<see cref="AddDesktopAgent"/>) and the route table (<see cref="MapDesktopAgent"/>).</summary>
public static class AgentHostingExtensions
{
    public static WebApplicationBuilder AddDesktopAgent(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<AgentOptions>()
            .BindConfiguration(AgentOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => (o.Token is null) != (o.TokenFile is null), "set exactly one of Agent:Token and Agent:TokenFile")
            .ValidateOnStart();

        var section = builder.Configuration.GetSection(AgentOptions.Section);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && section["Urls"] is { Length: > 0 } urls)
        {
            builder.WebHost.UseUrls(urls);
        }

        var maxBody = section.GetValue<long?>(nameof(AgentOptions.MaxRequestBodyBytes)) ?? new AgentOptions().MaxRequestBodyBytes;
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = maxBody);

        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<AgentExceptionHandler>();
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            o.SerializerOptions.RespectNullableAnnotations = true;
            o.SerializerOptions.RespectRequiredConstructorParameters = true;
        });

        builder.Services.AddSingleton<AgentToken>();
        builder.Services.AddSingleton<XDisplay>();
        builder.Services.AddSingleton<InputService>();
        builder.Services.AddSingleton<ScreenshotService>();
        builder.Services.AddSingleton<ProcessRunner>();
        builder.Services.AddSingleton<ExecService>();
        builder.Services.AddSingleton<FileService>();
        builder.Services.AddSingleton<CpuSampler>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<CpuSampler>());
        builder.Services.AddSingleton<VncServers>();
        builder.Services.AddOptions<ChatOptions>().BindConfiguration(ChatOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOptions<ToolboxOptions>().BindConfiguration(ChatOptions.Section + ":Tools").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<DesktopToolbox>();
        builder.Services.AddSingleton<ChatSession>();
        builder.Services.AddSingleton<RunService>();
        return builder;
    }

    public static WebApplication MapDesktopAgent(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // Resolved now so that a missing token file fails the start, not the first request.
        app.Services.GetRequiredService<AgentToken>();
        // Resolved now so that runs the previous agent left running are marked interrupted at start.
        app.Services.GetRequiredService<RunService>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<BearerTokenMiddleware>();
        app.UseWebSockets();
        app.MapHealthApi();
        app.MapInputApi();
        app.MapScreenshotApi();
        app.MapExecApi();
        app.MapFilesApi();
        app.MapMetricsApi();
        app.MapVncApi();
        app.MapChatApi();
        app.MapRunsApi();
        return app;
    }
}
