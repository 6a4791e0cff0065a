namespace LeBureau.DesktopAgent.Chat.Model;

/// <summary>The wire names and HTTP statuses of <see cref="ChatErrorCode"/>.</summary>
public static class ChatErrorCodes
{
    /// <summary>The snake_case name used in events and ProblemDetails (<c>provider_auth</c>…).</summary>
    public static string Name(ChatErrorCode code) => code switch
    {
        ChatErrorCode.ProviderAuth => "provider_auth",
        ChatErrorCode.ProviderRateLimited => "provider_rate_limited",
        ChatErrorCode.ProviderError => "provider_error",
        ChatErrorCode.ProviderTimeout => "provider_timeout",
        ChatErrorCode.TurnTimeout => "turn_timeout",
        ChatErrorCode.StepLimit => "step_limit",
        ChatErrorCode.Cancelled => "cancelled",
        _ => "interrupted",
    };

    /// <summary>The HTTP status the chat routes answer for a turn that failed with <paramref name="code"/>.</summary>
    public static int Status(ChatErrorCode code) => code switch
    {
        ChatErrorCode.ProviderRateLimited => StatusCodes.Status429TooManyRequests,
        ChatErrorCode.ProviderTimeout or ChatErrorCode.TurnTimeout => StatusCodes.Status504GatewayTimeout,
        ChatErrorCode.Interrupted => StatusCodes.Status503ServiceUnavailable,
        ChatErrorCode.Cancelled => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status502BadGateway,
    };
}
