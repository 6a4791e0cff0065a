namespace LeBureau.DesktopAgent.Chat;

/// <summary>POST /chat: the user's Message (required, not blank, at most <see cref="ChatOptions.MaxMessageLength"/> characters).</summary>
public sealed record ChatRequest(string? Message);
