using LeBureau.AgentContract;
using LeBureau.DesktopAgent.Chat;
using LeBureau.DesktopAgent.Chat.Model;

namespace LeBureau.DesktopAgent.Runs;

/// <summary>How a run ended: its final status and the error that explains it (null when it succeeded).</summary>
public static class RunOutcomes
{
    /// <summary>The error of a run that was running when the agent stopped, set at the agent's next start.</summary>
    public const string Interrupted = "interrupted: the desktop agent restarted";

    /// <summary>
    /// A command that exited with <paramref name="exitCode"/>. A cancellation asked for before the run ended wins over
    /// the exit code (the process group was killed, or the command ended as it was being killed).
    /// </summary>
    public static (RunStatus Status, string? Error) OfCommand(int exitCode, bool timedOut, bool cancelled, int timeoutMs) =>
        cancelled ? (RunStatus.Cancelled, "cancelled: its process group was killed")
        : timedOut ? (RunStatus.TimedOut, $"timed out after {timeoutMs} ms: its process group was killed")
        : exitCode == 0 ? (RunStatus.Succeeded, null)
        : (RunStatus.Failed, $"the command exited with code {exitCode}");

    /// <summary>
    /// A prompt whose chat turn ended with <paramref name="final"/> (<c>done</c> or <c>error</c>). A turn cancelled by
    /// the run is cancelled, or timed out when the run's timeout cancelled it; any other turn error fails the run.
    /// </summary>
    public static (RunStatus Status, string? Error) OfPrompt(ChatEvent final, bool cancelled, bool timedOut, int timeoutMs)
    {
        ArgumentNullException.ThrowIfNull(final);
        if (final.Type == ChatEventTypes.Done) return (RunStatus.Succeeded, null);
        var code = (string?)final.Payload["code"];
        if (code == ChatErrorCodes.Name(ChatErrorCode.Cancelled))
        {
            if (cancelled) return (RunStatus.Cancelled, "cancelled: the chat turn was stopped");
            if (timedOut) return (RunStatus.TimedOut, $"timed out after {timeoutMs} ms: the chat turn was stopped");
        }
        return (RunStatus.Failed, $"{code}: {(string?)final.Payload["message"]}");
    }
}
