using LeBureau.AgentContract;
using LeBureau.Resources;

namespace LeBureau.Operator.Tasks;

/// <summary>A decision of <see cref="TaskPolicy.Decide"/>: the action, the status to write after it, and when to look again.</summary>
/// <param name="Action">What to do first.</param>
/// <param name="Status">The status to write (written only when it differs from the stored one).</param>
/// <param name="RequeueAfter">When to reconcile again; null: on the next change of the task, its desktop or a sibling.</param>
/// <param name="Request">The run to start (<see cref="TaskAction.StartRun"/>).</param>
public sealed record TaskPlan(TaskAction Action, DesktopTask.DesktopTaskStatus Status, TimeSpan? RequeueAfter = null, RunRequest? Request = null);
