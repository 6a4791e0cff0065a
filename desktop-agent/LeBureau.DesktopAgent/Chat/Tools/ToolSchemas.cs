using System.Text.Json;
using LeBureau.DesktopAgent.Screen;

namespace LeBureau.DesktopAgent.Chat.Tools;

/// <summary>
/// The three tools of <see cref="DesktopToolbox"/> as OpenAI-style function tools: a description and a JSON Schema of
/// the parameters each, mirroring the input shapes of Anthropic's computer (computer_20251124), bash (bash_20250124)
/// and text editor (text_editor_20250728) tools, so that one toolbox serves both kinds of models.
/// </summary>
public static class ToolSchemas
{
    /// <summary>What the bash tool does.</summary>
    public const string BashDescription =
        "Run a bash command on the desktop (Linux) and read its stdout, stderr and exit code. "
        + "Each call is a fresh shell with a time limit; long output is truncated. Use it to install, inspect and start programs.";

    /// <summary>What the str_replace_based_edit_tool tool does.</summary>
    public const string EditorDescription =
        "View, create and edit text files on the desktop: view a file with line numbers or a directory listing, "
        + "create a new file, replace a unique string, insert lines. Paths must be absolute.";

    /// <summary>The parameters of the bash tool: <c>{command, restart?}</c>.</summary>
    public static JsonElement BashParameters { get; } = Parse("""
        {
          "type": "object",
          "properties": {
            "command": { "type": "string", "description": "The bash command to run. Each call runs in a fresh shell in the home directory: cd and variables do not carry over, so chain with && or use absolute paths. DISPLAY is set, so GUI programs can be started in the background (firefox &)." },
            "restart": { "type": "boolean", "description": "true to restart the shell (no command needed)." }
          },
          "additionalProperties": false
        }
        """);

    /// <summary>The parameters of the str_replace_based_edit_tool tool: <c>{command, path, view_range?, file_text?, old_str?, new_str?, insert_line?, insert_text?}</c>.</summary>
    public static JsonElement EditorParameters { get; } = Parse("""
        {
          "type": "object",
          "properties": {
            "command": { "type": "string", "enum": ["view", "create", "str_replace", "insert"], "description": "view: show a file with line numbers (cat -n) or list a directory two levels deep; create: write a new file (does not overwrite); str_replace: replace old_str, which must occur exactly once, by new_str; insert: insert insert_text after line insert_line." },
            "path": { "type": "string", "description": "Absolute path of the file or directory, e.g. /home/user/notes.txt." },
            "view_range": { "type": "array", "items": { "type": "integer" }, "minItems": 2, "maxItems": 2, "description": "view only, optional: [start_line, end_line], 1-based and inclusive; end_line -1 means the end of the file." },
            "file_text": { "type": "string", "description": "create only: the content of the new file." },
            "old_str": { "type": "string", "description": "str_replace only: the exact text to replace, whitespace included; it must occur exactly once in the file." },
            "new_str": { "type": "string", "description": "str_replace only: the replacement text (empty or omitted deletes old_str)." },
            "insert_line": { "type": "integer", "minimum": 0, "description": "insert only: the line after which the text is inserted; 0 inserts at the top." },
            "insert_text": { "type": "string", "description": "insert only: the text to insert." }
          },
          "required": ["command", "path"],
          "additionalProperties": false
        }
        """);

    /// <summary>What the computer tool does, with the size of the screenshots the model sees.</summary>
    public static string ComputerDescription(ScreenSize modelScreen) =>
        $"Use the mouse and keyboard of a Linux desktop and take screenshots of it. The screen is {modelScreen.Width}x{modelScreen.Height} pixels: "
        + $"every screenshot has that size and every coordinate is [x, y] in screenshot pixels, x in 0..{modelScreen.Width - 1}, y in 0..{modelScreen.Height - 1}, "
        + "from the top-left corner. Take a screenshot first to see the screen; actions that change it return a new screenshot. "
        + "Click the centre of buttons and fields, and check the result before the next step.";

    /// <summary>The parameters of the computer tool, with the coordinate bounds of <paramref name="modelScreen"/> in the descriptions.</summary>
    public static JsonElement ComputerParameters(ScreenSize modelScreen)
    {
        var (w, h) = (modelScreen.Width, modelScreen.Height);
        return Parse($$"""
            {
              "type": "object",
              "properties": {
                "action": {
                  "type": "string",
                  "enum": [{{string.Join(", ", DesktopToolbox.ComputerActions.Select(a => $"\"{a}\""))}}],
                  "description": "key: press keys (text); type: type text; mouse_move: move to coordinate; left_click, right_click, middle_click, double_click, triple_click: click at coordinate (or where the pointer is); left_mouse_down, left_mouse_up: press or release the left button; left_click_drag: drag from start_coordinate to coordinate; scroll: scroll_amount wheel clicks in scroll_direction at coordinate; hold_key: hold keys (text) for duration seconds; wait: wait duration seconds, then screenshot; screenshot: see the screen; cursor_position: where the pointer is; zoom: see region at higher resolution."
                },
                "coordinate": {
                  "type": "array", "items": { "type": "integer" }, "minItems": 2, "maxItems": 2,
                  "description": "[x, y] in screenshot pixels of the {{w}}x{{h}} screen: x in 0..{{w - 1}}, y in 0..{{h - 1}}. Required for mouse_move and left_click_drag (the end), optional for clicks and scroll."
                },
                "start_coordinate": {
                  "type": "array", "items": { "type": "integer" }, "minItems": 2, "maxItems": 2,
                  "description": "left_click_drag only: [x, y] where the drag starts, in screenshot pixels of the {{w}}x{{h}} screen."
                },
                "text": {
                  "type": "string",
                  "description": "type: the text to type (a newline presses Enter). key and hold_key: xdotool-style key names joined with +, e.g. ctrl+c, Return, alt+Tab, ctrl+shift+t; several combinations separated by spaces are pressed in turn. Clicks and scroll: modifier keys to hold, e.g. shift or ctrl."
                },
                "scroll_direction": { "type": "string", "enum": ["up", "down", "left", "right"], "description": "scroll only: the direction." },
                "scroll_amount": { "type": "integer", "minimum": 0, "maximum": 100, "description": "scroll only: how many wheel clicks (3 to 5 is a good step)." },
                "duration": { "type": "number", "minimum": 0, "maximum": {{DesktopToolbox.MaxDurationSeconds}}, "description": "hold_key and wait: seconds, at most {{DesktopToolbox.MaxDurationSeconds}}." },
                "region": {
                  "type": "array", "items": { "type": "integer" }, "minItems": 4, "maxItems": 4,
                  "description": "zoom only: [x0, y0, x1, y1], the top-left and bottom-right corners in screenshot pixels of the {{w}}x{{h}} screen (x1 up to {{w}}, y1 up to {{h}})."
                }
              },
              "required": ["action"],
              "additionalProperties": false
            }
            """);
    }

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
