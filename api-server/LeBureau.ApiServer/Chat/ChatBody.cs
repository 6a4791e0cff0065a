namespace LeBureau.ApiServer.Chat;

/// <summary>Body of the chat routes (seed 000): the message to the desktop's AI agent, 1 to 32 000 characters, not blank.</summary>
/// <param name="Message">Your message to the agent.</param>
public sealed record ChatBody(string Message);
