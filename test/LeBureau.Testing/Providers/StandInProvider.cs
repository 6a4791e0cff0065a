namespace LeBureau.Testing.Providers;

/// <summary>Which wire protocol of the <see cref="ProviderStandIn"/> a request reached.</summary>
public enum StandInProvider
{
    /// <summary>Anthropic Messages: <c>POST /v1/messages</c> (the beta path adds <c>?beta=true</c>).</summary>
    Anthropic,

    /// <summary>OpenAI Chat Completions: <c>POST /v1/chat/completions</c>, <c>/chat/completions</c> or <c>/api/v1/chat/completions</c>.</summary>
    OpenAI,

    /// <summary>OpenAI embeddings: <c>POST /v1/embeddings</c>, <c>/embeddings</c> or <c>/api/v1/embeddings</c>.</summary>
    Embeddings,

    /// <summary>No route matched; the stand-in answered 404 with a JSON error naming the path.</summary>
    Unrouted,
}
