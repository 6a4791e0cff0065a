namespace LeBureau.DesktopAgent.Chat.Tools;

/// <summary>
/// What a tool call gives back to the model: Text (never null, possibly empty), an optional Image (screenshots,
/// zooms) and IsError, set when the call did nothing because its input was wrong or the desktop refused it.
/// </summary>
public sealed record ToolOutput(string Text, ToolImage? Image, bool IsError)
{
    public static ToolOutput Success(string text, ToolImage? image = null) => new(text, image, false);

    public static ToolOutput Error(string text) => new(text, null, true);
}
