namespace LeBureau.Client;

/// <summary>The desktop agent's answer to a chat message and the id of that answer in the conversation.</summary>
public sealed record ChatReply(string Response, string MessageId);
