using k8s.Models;
using LeBureau.Operator.Runtime;
using LeBureau.Resources;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LeBureau.Operator.Tasks;

/// <summary>Registers the DesktopTask controller (mission control).</summary>
public static class TaskControllerExtensions
{
    /// <summary>
    /// Adds the DesktopTask controller: the reconciler over the shared task informer (indexed by desktop), the agent's
    /// run client; a change of a Desktop or of a task reconciles every task of that desktop (a turn may have come).
    /// </summary>
    public static WebApplicationBuilder AddTaskController(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddHttpClient<AgentRunClient>();
        services.AddInformer<Desktop>();
        services.AddInformer<V1Secret>();
        services.AddController<DesktopTask, DesktopTaskReconciler>("desktoptask", (controller, sp) =>
        {
            var tasks = sp.GetRequiredService<Informer<DesktopTask>>();
            tasks.AddIndex(DesktopTaskReconciler.ByDesktop, DesktopTaskReconciler.DesktopKey);
            IEnumerable<string> TasksOf(string ns, string desktop) =>
                tasks.ByIndex(DesktopTaskReconciler.ByDesktop, ObjectKey.Of(ns, desktop)).Select(t => ObjectKey.Of(ns, t.Metadata.Name));
            controller.Watches(sp.GetRequiredService<Informer<Desktop>>(), d => TasksOf(d.Metadata.NamespaceProperty, d.Metadata.Name));
            controller.Watches(tasks, t => TasksOf(t.Metadata.NamespaceProperty, t.Spec.DesktopRef));
        });
        services.AddOptions<ControllerOptions>("desktoptask").Configure<IOptions<OperatorOptions>>((c, o) => c.Workers = o.Value.Workers);
        return builder;
    }
}
