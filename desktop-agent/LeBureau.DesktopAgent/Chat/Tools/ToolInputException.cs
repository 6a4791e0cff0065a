namespace LeBureau.DesktopAgent.Chat.Tools;

/// <summary>A tool input the model got wrong; <see cref="DesktopToolbox"/> turns it into an error output with this message.</summary>
internal sealed class ToolInputException(string message) : Exception(message);
