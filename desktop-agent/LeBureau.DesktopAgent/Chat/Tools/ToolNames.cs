namespace LeBureau.DesktopAgent.Chat.Tools;

/// <summary>The names of the chat agent's tools, the same for every provider (Anthropic's own tool names).</summary>
public static class ToolNames
{
    /// <summary>Screen, mouse and keyboard.</summary>
    public const string Computer = "computer";

    /// <summary>Shell commands.</summary>
    public const string Bash = "bash";

    /// <summary>Files: view, create, edit.</summary>
    public const string Editor = "str_replace_based_edit_tool";
}
