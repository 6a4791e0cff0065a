using LeBureau.Client;

namespace LeBureau.Cli.Desktops;

/// <summary>Whether a wait is over (pure): reached, failed (the desktop went to error), or not yet.</summary>
public static class DesktopWait
{
    public enum Outcome
    {
        NotYet,
        Reached,
        Failed,
    }

    public static Outcome Evaluate(DesktopInfo desktop, WaitTarget target) => desktop.Status switch
    {
        "error" => Outcome.Failed,
        "running" when target == WaitTarget.AgentReady && desktop.AgentReady => Outcome.Reached,
        "stopped" when target == WaitTarget.Stopped => Outcome.Reached,
        _ => Outcome.NotYet,
    };

    /// <summary>The progress line for a step of the wait.</summary>
    public static string Progress(DesktopInfo desktop, WaitTarget target) =>
        target == WaitTarget.AgentReady && desktop.Status == "running" && !desktop.AgentReady
            ? "running, waiting for the agent"
            : desktop.Status;
}
