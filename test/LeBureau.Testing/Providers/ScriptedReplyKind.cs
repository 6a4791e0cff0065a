namespace LeBureau.Testing.Providers;

/// <summary>What a <see cref="ScriptedReply"/> does on the wire.</summary>
public enum ScriptedReplyKind
{
    /// <summary>A normal assistant message: optional text, then zero or more tool calls.</summary>
    Message,

    /// <summary>An HTTP error in the provider's error JSON shape.</summary>
    Error,

    /// <summary>Headers are never sent; the request stays open until the client aborts it or the stand-in stops.</summary>
    Hang,

    /// <summary>The reply is computed from the request when it arrives.</summary>
    Computed,
}
