namespace LeBureau.DesktopAgent.Chat.Model;

/// <summary>Why a turn failed. Each maps to one HTTP status on the chat routes (see <see cref="ChatErrorCodes.Status"/>).</summary>
public enum ChatErrorCode
{
    /// <summary>The provider refused the key (its 401/403): 502.</summary>
    ProviderAuth,

    /// <summary>The provider rate-limited the key (its 429): 429, with Retry-After when the provider gave one.</summary>
    ProviderRateLimited,

    /// <summary>The provider failed or answered something unusable (its 5xx, 4xx, a broken stream, no connection): 502.</summary>
    ProviderError,

    /// <summary>One model call took longer than the step timeout: 504.</summary>
    ProviderTimeout,

    /// <summary>The turn took longer than the turn timeout: 504.</summary>
    TurnTimeout,

    /// <summary>The model kept calling tools past the step limit: 502.</summary>
    StepLimit,

    /// <summary>The agent stopped while the turn ran: 503.</summary>
    Interrupted,

    /// <summary>The turn was cancelled (<see cref="ChatRun.Cancel"/>: its run was cancelled or timed out): 409.</summary>
    Cancelled,
}
