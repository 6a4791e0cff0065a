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
    /// run client, the <see cref="RunWatcher"/> that requeues a task when its run ends; a change of a Desktop reconciles
    /// every task of that desktop, a change of a task the one that runs next there (a turn may have come).
    /// </summary>
    public static WebApplicationBuilder AddTaskController(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddHttpClient<AgentRunClient>();
        services.AddSingleton<RunWatcher>();
        services.AddInformer<Desktop>();
        services.AddInformer<V1Secret>();
        services.AddController<DesktopTask, DesktopTaskReconciler>("desktoptask", (controller, sp) =>
        {
            var tasks = sp.GetRequiredService<Informer<DesktopTask>>();
            tasks.AddIndex(DesktopTaskReconciler.ByDesktop, DesktopTaskReconciler.DesktopKey);
            IEnumerable<string> TasksOf(string ns, string desktop) =>
                tasks.ByIndex(DesktopTaskReconciler.ByDesktop, ObjectKey.Of(ns, desktop)).Select(t => ObjectKey.Of(ns, t.Metadata.Name));
            controller.Watches(sp.GetRequiredService<Informer<Desktop>>(), d => TasksOf(d.Metadata.NamespaceProperty, d.Metadata.Name));
            // A task's change can let only the next one of its desktop start (its own change reconciles itself): waking
            // every queued task instead costs a reconcile per queued task per change, O(n²) on a long queue.
            controller.Watches(tasks, t => TaskPolicy.Next(tasks.ByIndex(DesktopTaskReconciler.ByDesktop, ObjectKey.Of(t.Metadata.NamespaceProperty, t.Spec.DesktopRef)))
                is { } next ? [ObjectKey.Of(next.Metadata.NamespaceProperty, next.Metadata.Name)] : []);
            sp.GetRequiredService<RunWatcher>().Attach(controller.Queue);
        });
        services.AddOptions<ControllerOptions>("desktoptask").Configure<IOptions<OperatorOptions>>((c, o) => c.Workers = o.Value.Workers);
        return builder;
    }
}
