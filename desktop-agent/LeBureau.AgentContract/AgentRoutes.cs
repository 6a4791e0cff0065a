namespace LeBureau.AgentContract;

/// <summary>
/// The desktop agent's run routes (relative to its endpoint; every request carries the desktop's agent token).
/// <c>POST runs</c> → 201 with the new run's state, or 200 with an existing run's (never started twice); 400 bad
/// request; 409 for a prompt while the chat agent answers another message, or when chat is not configured.
/// <c>GET runs/{id}</c> → 200 state, 404 unknown id. <c>POST runs/{id}/cancel</c> → 200 state (cancelled, or the
/// final state it already had), 404 unknown id.
/// </summary>
public static class AgentRoutes
{
    /// <summary>Starts a run.</summary>
    public const string Runs = "runs";

    /// <summary>A run's state.</summary>
    public static string Run(string id) => $"runs/{Uri.EscapeDataString(id)}";

    /// <summary>Cancels a run.</summary>
    public static string CancelRun(string id) => $"runs/{Uri.EscapeDataString(id)}/cancel";
}
