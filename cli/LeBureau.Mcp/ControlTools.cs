using System.ComponentModel;
using LeBureau.Client;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace LeBureau.Mcp;

/// <summary>Tools that drive a running desktop: screen, mouse, keyboard and shell (all need desktop:control).</summary>
public sealed class ControlTools(LeBureauClient client)
{
    private const string Id = "The desktop id; it must be running with agentReady true.";

    [McpServerTool(Name = "desktop_screenshot", Title = "Take a screenshot", ReadOnly = true, Idempotent = true, Destructive = false, OpenWorld = false)]
    [Description("See the desktop's screen: returns an image of the whole display. Coordinates for desktop_click and the other mouse tools are pixels of this image from its top-left corner. Use format jpeg with a lower quality for a smaller image.")]
    [ToolCapability(Capabilities.DesktopControl)]
    public async Task<ImageContentBlock> ScreenshotAsync(
        [Description(Id)] string desktopId,
        [Description("png (default, lossless) or jpeg (smaller).")] ImageEncoding format = ImageEncoding.Png,
        [Description("JPEG quality from 1 to 100 (default 80); only with format jpeg.")] int? quality = null,
        CancellationToken cancellationToken = default)
    {
        var shot = await client.ScreenshotAsync(desktopId, format, quality, cancellationToken);
        return ImageContentBlock.FromBytes(shot.Bytes, shot.ContentType);
    }

    [McpServerTool(Name = "desktop_click", Title = "Click", ReadOnly = false, Idempotent = false, Destructive = false, OpenWorld = false)]
    [Description("Click the mouse at (x, y) in screenshot pixels, or where the pointer is when x and y are both omitted. Returns the pointer position afterwards. Take a screenshot first to find the target.")]
    [ToolCapability(Capabilities.DesktopControl)]
    public Task<InputResult> ClickAsync(
        [Description(Id)] string desktopId,
        [Description("Pixels from the left edge of the screen (give x and y together).")] int? x = null,
        [Description("Pixels from the top edge of the screen (give x and y together).")] int? y = null,
        [Description("left (default), right or middle.")] MouseButton button = MouseButton.Left,
        [Description("1 (default), 2 for a double click, 3 for a triple click.")] int clicks = 1,
        CancellationToken cancellationToken = default) =>
        client.ClickAsync(desktopId, x, y, button, clicks, cancellationToken);

    [McpServerTool(Name = "desktop_move", Title = "Move the pointer", ReadOnly = false, Idempotent = true, Destructive = false, OpenWorld = false)]
    [Description("Move the mouse pointer to (x, y) in screenshot pixels without clicking (to hover over menus and tooltips).")]
    [ToolCapability(Capabilities.DesktopControl)]
    public async Task<string> MoveAsync(
        [Description(Id)] string desktopId,
        [Description("Pixels from the left edge of the screen.")] int x,
        [Description("Pixels from the top edge of the screen.")] int y,
        CancellationToken cancellationToken = default)
    {
        await client.MoveAsync(desktopId, x, y, cancellationToken);
        return $"The pointer is at ({x}, {y}).";
    }

    [McpServerTool(Name = "desktop_drag", Title = "Drag", ReadOnly = false, Idempotent = false, Destructive = false, OpenWorld = false)]
    [Description("Press the left button at (startX, startY), move to (endX, endY) and release: to move windows, select text or drag files.")]
    [ToolCapability(Capabilities.DesktopControl)]
    public Task<InputResult> DragAsync(
        [Description(Id)] string desktopId,
        [Description("Start, pixels from the left edge.")] int startX,
        [Description("Start, pixels from the top edge.")] int startY,
        [Description("End, pixels from the left edge.")] int endX,
        [Description("End, pixels from the top edge.")] int endY,
        CancellationToken cancellationToken = default) =>
        client.DragAsync(desktopId, new ScreenPoint(startX, startY), new ScreenPoint(endX, endY), cancellationToken);

    [McpServerTool(Name = "desktop_scroll", Title = "Scroll", ReadOnly = false, Idempotent = false, Destructive = false, OpenWorld = false)]
    [Description("Turn the mouse wheel: amount clicks in a direction, at (x, y) when given (the window under that point scrolls), else where the pointer is.")]
    [ToolCapability(Capabilities.DesktopControl)]
    public Task<InputResult> ScrollAsync(
        [Description(Id)] string desktopId,
        [Description("up, down, left or right.")] ScrollDirection direction,
        [Description("Wheel clicks, 1 or more (3 is about a few lines of text).")] int amount = 3,
        [Description("Pixels from the left edge (give x and y together).")] int? x = null,
        [Description("Pixels from the top edge (give x and y together).")] int? y = null,
        CancellationToken cancellationToken = default) =>
        client.ScrollAsync(desktopId, direction, amount, x, y, cancellationToken);

    [McpServerTool(Name = "desktop_type", Title = "Type text", ReadOnly = false, Idempotent = false, Destructive = false, OpenWorld = false)]
    [Description("Type text with the keyboard into the focused window (click a field first). Use desktop_key for Enter, Tab or shortcuts.")]
    [ToolCapability(Capabilities.DesktopControl)]
    public Task<InputResult> TypeAsync(
        [Description(Id)] string desktopId,
        [Description("The text to type.")] string text,
        CancellationToken cancellationToken = default) =>
        client.TypeAsync(desktopId, text, cancellationToken);

    [McpServerTool(Name = "desktop_key", Title = "Press keys", ReadOnly = false, Idempotent = false, Destructive = false, OpenWorld = false)]
    [Description("Press a key or a key combination, in xdotool names: Return, Tab, Escape, BackSpace, Up, F5, ctrl+c, ctrl+shift+t, alt+F4, super.")]
    [ToolCapability(Capabilities.DesktopControl)]
    public Task<InputResult> KeyAsync(
        [Description(Id)] string desktopId,
        [Description("The key or combination, keys joined with + (ctrl+l).")] string keys,
        CancellationToken cancellationToken = default) =>
        client.KeyAsync(desktopId, keys, cancellationToken);

    [McpServerTool(Name = "desktop_exec", Title = "Run a command", ReadOnly = false, Idempotent = false, Destructive = true, OpenWorld = false)]
    [Description("Run one shell command on the desktop (as its user, with a timeout) and get stdout, stderr and exitCode. A non-zero exitCode is a result, not a tool error.")]
    [ToolCapability(Capabilities.DesktopControl)]
    public Task<ExecResult> ExecAsync(
        [Description(Id)] string desktopId,
        [Description("The command line, such as: ls -la ~/Documents")] string command,
        CancellationToken cancellationToken = default) =>
        client.ExecAsync(desktopId, command, cancellationToken);

    [McpServerTool(Name = "desktop_bash", Title = "Run a bash script", ReadOnly = false, Idempotent = false, Destructive = true, OpenWorld = false)]
    [Description("Run a multi-line bash script on the desktop and get stdout, stderr and exitCode.")]
    [ToolCapability(Capabilities.DesktopControl)]
    public Task<ExecResult> BashAsync(
        [Description(Id)] string desktopId,
        [Description("The bash script.")] string script,
        CancellationToken cancellationToken = default) =>
        client.BashAsync(desktopId, script, cancellationToken);

    [McpServerTool(Name = "desktop_exec_python", Title = "Run Python", ReadOnly = false, Idempotent = false, Destructive = true, OpenWorld = false)]
    [Description("Run Python 3 code on the desktop and get stdout, stderr and exitCode (print what you want to see).")]
    [ToolCapability(Capabilities.DesktopControl)]
    public Task<ExecResult> ExecPythonAsync(
        [Description(Id)] string desktopId,
        [Description("The Python 3 source code.")] string code,
        CancellationToken cancellationToken = default) =>
        client.ExecPythonAsync(desktopId, code, cancellationToken);

    [McpServerTool(Name = "desktop_files_list", Title = "List files", ReadOnly = true, Idempotent = true, Destructive = false, OpenWorld = false)]
    [Description("List a directory of the desktop: name, path, type (file or directory), size and modification time of each entry.")]
    [ToolCapability(Capabilities.DesktopControl)]
    public Task<FileListing> ListFilesAsync(
        [Description(Id)] string desktopId,
        [Description("An absolute directory path, such as /home/user or /tmp.")] string path,
        CancellationToken cancellationToken = default) =>
        client.ListFilesAsync(desktopId, path, cancellationToken);

    [McpServerTool(Name = "desktop_files_read", Title = "Read a file", ReadOnly = true, Idempotent = true, Destructive = false, OpenWorld = false)]
    [Description("Read a text file of the desktop (UTF-8; at most 1 MiB is returned).")]
    [ToolCapability(Capabilities.DesktopControl)]
    public async Task<string> ReadFileAsync(
        [Description(Id)] string desktopId,
        [Description("An absolute file path.")] string path,
        CancellationToken cancellationToken = default)
    {
        var bytes = await client.ReadFileAsync(desktopId, path, cancellationToken);
        return TextPreview.Of(bytes, 1 << 20);
    }

    [McpServerTool(Name = "desktop_files_write", Title = "Write a file", ReadOnly = false, Idempotent = true, Destructive = true, OpenWorld = false)]
    [Description("Write a text file on the desktop (UTF-8), creating missing directories and replacing an existing file.")]
    [ToolCapability(Capabilities.DesktopControl)]
    public Task<WrittenFile> WriteFileAsync(
        [Description(Id)] string desktopId,
        [Description("An absolute file path.")] string path,
        [Description("The whole content of the file.")] string content,
        CancellationToken cancellationToken = default) =>
        client.WriteFileAsync(desktopId, path, content, cancellationToken);
}
