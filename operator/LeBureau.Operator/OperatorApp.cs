using k8s;
using LeBureau.Operator.ApiKeys;
using LeBureau.Operator.Desktops;
using LeBureau.Operator.Events;
using LeBureau.Operator.Hosting;
using LeBureau.Operator.Runtime;
using LeBureau.Operator.Tasks;
using LeBureau.Operator.Tiers;
using Prometheus;

namespace LeBureau.Operator;

/// <summary>Composition of the operator: configuration, the controller runtime, the controllers, and /healthz, /readyz, /metrics.</summary>
public static class OperatorApp
{
    /// <summary>Builds the operator (tests call this with --Operator:Runtime=… --Kubernetes:Kubeconfig=…).</summary>
    public static WebApplication Build(string[] args) => Build(args, null);

    /// <param name="args">Command line (configuration overrides such as <c>--Operator:Runtime=…</c>).</param>
    /// <param name="configure">Last changes to the builder before it is built (tests: log capture).</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        var tiers = Path.Combine(AppContext.BaseDirectory, "tiers.yaml");
        var tierFile = builder.Configuration["Operator:TiersFile"] ?? tiers;
        if (File.Exists(tierFile))
        {
            builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = TierFile.Read(tierFile) });
        }
        builder.AddOperatorCore();
        builder.AddDesktopController();
        builder.AddApiKeyController();
        builder.AddTaskController();
        builder.AddDesktopEvents();
        // Other controllers register here.
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapGet("/healthz", () => TypedResults.Ok("ok"));
        app.MapGet("/readyz", (ControllerManager manager) => manager.IsSynced
            ? Results.Ok(new { synced = true, leader = manager.IsLeader })
            : Results.Json(new { synced = false, leader = manager.IsLeader }, statusCode: StatusCodes.Status503ServiceUnavailable));
        app.MapGet("/metrics", async (HttpContext context, OperatorMetrics metrics) =>
        {
            context.Response.ContentType = "text/plain; version=0.0.4";
            await metrics.Registry.CollectAndExportAsTextAsync(context.Response.Body, context.RequestAborted);
        });
        return app;
    }

    /// <summary>Options, the Kubernetes client, the controller runtime, and metrics.</summary>
    public static WebApplicationBuilder AddOperatorCore(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<OperatorOptions>().BindConfiguration("Operator").ValidateOnStart();
        services.AddOptions<TierTable>().BindConfiguration("Operator:Tiers");
        services.AddOptions<KubernetesOptions>().BindConfiguration("Kubernetes");
        services.AddOptions<LeaderElectionOptions>().BindConfiguration("Operator:LeaderElection");
        services.AddOptions<InformerOptions>().Configure<Microsoft.Extensions.Options.IOptions<OperatorOptions>>((informers, options) =>
        {
            if (options.Value.Namespaces.Count > 0) informers.Namespaces = options.Value.Namespaces;
        });
        var kubeconfig = builder.Configuration["Kubernetes:Kubeconfig"];
        services.AddSingleton(_ => new Kubernetes(kubeconfig is not null
            ? KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig)
            : KubernetesClientConfiguration.IsInCluster()
                ? KubernetesClientConfiguration.InClusterConfig()
                : KubernetesClientConfiguration.BuildDefaultConfig()));
        services.AddControllerRuntime("lebureau-operator");
        services.AddSingleton<OperatorMetrics>();
        services.AddSingleton<IReconcileObserver>(sp => sp.GetRequiredService<OperatorMetrics>());
        return builder;
    }
}
