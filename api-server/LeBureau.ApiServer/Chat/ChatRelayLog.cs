namespace LeBureau.ApiServer.Chat;

/// <summary>Log messages of the chat relay; never a message's content.</summary>
internal static partial class ChatRelayLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Chat stream of desktop {Namespace}/{Name} broke ({Error})")]
    public static partial void StreamBroken(ILogger logger, string @namespace, string name, string error);
}
