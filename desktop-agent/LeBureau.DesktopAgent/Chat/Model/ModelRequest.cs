using LeBureau.DesktopAgent.Screen;

namespace LeBureau.DesktopAgent.Chat.Model;

/// <summary>One call to the model: the system prompt, the transcript so far, and the screen size the model works in.</summary>
public sealed record ModelRequest(string System, IReadOnlyList<TranscriptEntry> Transcript, ScreenSize Screen);
