using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeBureau.Operator.Runtime;

/// <summary>Registration of the runtime, shared informers and controllers in a service collection.</summary>
public static class ControllerRuntimeExtensions
{
    /// <summary>
    /// Registers <see cref="KubeApi"/> over the registered <see cref="Kubernetes"/> client, the <see cref="ControllerManager"/>
    /// hosted service, an <see cref="EventRecorder"/> for <paramref name="component"/>, and the options
    /// <see cref="InformerOptions"/> (applied to every informer) and <see cref="LeaderElectionOptions"/>.
    /// </summary>
    public static IServiceCollection AddControllerRuntime(this IServiceCollection services, string component)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new KubeApi(sp.GetRequiredService<Kubernetes>()));
        services.TryAddSingleton(sp => new EventRecorder(sp.GetRequiredService<KubeApi>(), component,
            sp.GetRequiredService<ILogger<EventRecorder>>(), sp.GetRequiredService<TimeProvider>()));
        services.AddOptions<InformerOptions>();
        services.AddOptions<LeaderElectionOptions>();
        services.TryAddSingleton<ControllerManager>();
        services.AddHostedService(sp => sp.GetRequiredService<ControllerManager>());
        return services;
    }

    /// <summary>Registers one shared <see cref="Informer{T}"/> (and <see cref="ResourceClient{T}"/>) for <typeparamref name="T"/>; repeat calls are no-ops.</summary>
    public static IServiceCollection AddInformer<T>(this IServiceCollection services, ResourceType? type = null)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        if (services.Any(d => d.ServiceType == typeof(Informer<T>))) return services;
        services.TryAddSingleton(sp => new ResourceClient<T>(sp.GetRequiredService<KubeApi>(), type));
        services.AddSingleton(sp => new Informer<T>(sp.GetRequiredService<ResourceClient<T>>(),
            sp.GetRequiredService<IOptions<InformerOptions>>().Value, sp.GetRequiredService<ILogger<Informer<T>>>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IInformer>(sp => sp.GetRequiredService<Informer<T>>());
        return services;
    }

    /// <summary>
    /// Registers a <see cref="Controller{T}"/> named <paramref name="name"/> over the shared informer of <typeparamref name="T"/>
    /// and <typeparamref name="TReconciler"/>; <paramref name="configure"/> adds Owns/Watches.
    /// </summary>
    public static IServiceCollection AddController<T, TReconciler>(this IServiceCollection services, string name,
        Action<Controller<T>, IServiceProvider>? configure = null)
        where T : class, IKubernetesObject<V1ObjectMeta>
        where TReconciler : class, IReconciler<T>
    {
        services.AddInformer<T>();
        services.TryAddSingleton<TReconciler>();
        services.AddOptions<ControllerOptions>(name);
        services.AddSingleton<IController>(sp =>
        {
            var controller = new Controller<T>(name, sp.GetRequiredService<Informer<T>>(), sp.GetRequiredService<TReconciler>(),
                sp.GetRequiredService<IOptionsMonitor<ControllerOptions>>().Get(name), sp.GetRequiredService<ILogger<Controller<T>>>(),
                sp.GetRequiredService<TimeProvider>(), sp.GetService<IReconcileObserver>());
            configure?.Invoke(controller, sp);
            return controller;
        });
        return services;
    }
}
