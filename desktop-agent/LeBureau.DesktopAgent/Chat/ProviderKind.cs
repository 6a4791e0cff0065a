namespace LeBureau.DesktopAgent.Chat;

/// <summary>Which provider API the chat agent calls.</summary>
public enum ProviderKind
{
    /// <summary>Anthropic's Messages API, with the native computer-use, bash and text-editor tools.</summary>
    Anthropic,

    /// <summary>OpenAI's Chat Completions API, with function tools.</summary>
    OpenAI,

    /// <summary>OpenRouter: OpenAI's Chat Completions API at OpenRouter's base URL, with its attribution headers.</summary>
    OpenRouter,
}
