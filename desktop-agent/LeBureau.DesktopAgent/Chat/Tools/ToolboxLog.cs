namespace LeBureau.DesktopAgent.Chat.Tools;

/// <summary>Log messages of <see cref="DesktopToolbox"/>.</summary>
internal static partial class ToolboxLog
{
    [LoggerMessage(700, LogLevel.Warning, "The chat tool {Tool} failed")]
    public static partial void ToolFailed(ILogger logger, string tool, Exception exception);
}
