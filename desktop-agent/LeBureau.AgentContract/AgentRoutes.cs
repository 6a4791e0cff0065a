namespace LeBureau.AgentContract;

/// <summary>
/// The desktop agent's run routes (relative to its endpoint; every request carries the desktop's agent token).
/// <c>POST runs</c> → 201 with the new run's state, or 200 with an existing run's (never started twice); 400 bad
/// request; 409 for a prompt while the chat agent answers another message; 422 for a prompt on a desktop whose chat
/// agent is not configured (no provider: retrying cannot help). <c>GET runs/{id}</c> → 200 state, 404 unknown id;
/// with <c>?waitMs=N</c> the answer waits until the run has ended or N ms (at most <see cref="MaxWaitMs"/>) passed. <c>POST runs/{id}/cancel</c> → 200 state (cancelled, or the
/// final state it already had), 404 unknown id.
/// </summary>
public static class AgentRoutes
{
    /// <summary>Starts a run.</summary>
    public const string Runs = "runs";

    /// <summary>The longest a <c>GET runs/{id}?waitMs=</c> waits.</summary>
    public const int MaxWaitMs = 30_000;

    /// <summary>A run's state.</summary>
    public static string Run(string id) => $"runs/{Uri.EscapeDataString(id)}";

    /// <summary>A run's state once it has ended, or after <paramref name="waitMs"/> ms when it still runs then.</summary>
    public static string RunWhenEnded(string id, int waitMs) => $"runs/{Uri.EscapeDataString(id)}?waitMs={waitMs}";

    /// <summary>Cancels a run.</summary>
    public static string CancelRun(string id) => $"runs/{Uri.EscapeDataString(id)}/cancel";
}
