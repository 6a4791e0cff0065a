using k8s.Models;
using LeBureau.Operator.KubeVirt;
using LeBureau.Operator.Local;
using LeBureau.Operator.Machines;
using LeBureau.Operator.Pods;
using LeBureau.Operator.Runtime;
using LeBureau.Resources;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace LeBureau.Operator.Desktops;

/// <summary>Registers the Desktop controller and the configured runtime.</summary>
public static class DesktopControllerExtensions
{
    /// <summary>Adds the Desktop controller: reconciler, runtime (Operator:Runtime), agent probe, informers of Desktops, Secrets and the runtime's children.</summary>
    public static WebApplicationBuilder AddDesktopController(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var runtime = builder.Configuration.GetValue("Operator:Runtime", RuntimeKind.Local);
        services.AddHttpClient<AgentProbe>();
        services.AddInformer<V1Secret>();
        services.AddInformer<Desktop>();
        if (runtime == RuntimeKind.KubeVirt)
        {
            services.AddInformer<VirtualMachine>();
            services.AddInformer<VirtualMachineInstance>();
            services.AddInformer<V1PersistentVolumeClaim>();
            services.AddSingleton<IDesktopRuntime, KubeVirtRuntime>();
        }
        else if (runtime == RuntimeKind.Pod)
        {
            services.AddInformer<V1Pod>();
            services.AddInformer<V1PersistentVolumeClaim>();
            services.AddSingleton<IDesktopRuntime, PodRuntime>();
        }
        else
        {
            services.AddSingleton<LocalRuntime>();
            services.AddSingleton<IDesktopRuntime>(sp => sp.GetRequiredService<LocalRuntime>());
            services.AddHostedService(sp => sp.GetRequiredService<LocalRuntime>());
        }
        services.AddController<Desktop, DesktopReconciler>("desktop", (controller, sp) =>
        {
            var desktops = sp.GetRequiredService<Informer<Desktop>>();
            desktops.AddIndex(DesktopReconciler.ByProviderSecret, DesktopReconciler.ProviderSecretKeys);
            controller.Watches(sp.GetRequiredService<Informer<V1Secret>>(), secret =>
                desktops.ByIndex(DesktopReconciler.ByProviderSecret, ObjectKey.Of(secret.Metadata.NamespaceProperty, secret.Metadata.Name))
                    .Select(d => ObjectKey.Of(d.Metadata.NamespaceProperty, d.Metadata.Name)));
            if (runtime == RuntimeKind.KubeVirt)
            {
                controller.Owns(sp.GetRequiredService<Informer<VirtualMachine>>());
                // Instances are owned by their VirtualMachine, whose name is the desktop's.
                controller.Watches(sp.GetRequiredService<Informer<VirtualMachineInstance>>(),
                    vmi => [ObjectKey.Of(vmi.Metadata.NamespaceProperty, vmi.Metadata.Name)]);
            }
            else if (runtime == RuntimeKind.Pod)
            {
                controller.Owns(sp.GetRequiredService<Informer<V1Pod>>());
            }
        });
        services.AddOptions<ControllerOptions>("desktop").Configure<Microsoft.Extensions.Options.IOptions<OperatorOptions>>((c, o) => c.Workers = o.Value.Workers);
        return builder;
    }
}
