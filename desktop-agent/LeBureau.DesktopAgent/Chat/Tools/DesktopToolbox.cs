using System.Text.Json;
using LeBureau.DesktopAgent.Exec;
using LeBureau.DesktopAgent.Input;
using LeBureau.DesktopAgent.Screen;
using LeBureau.DesktopAgent.Screenshot;
using Microsoft.Extensions.Options;

namespace LeBureau.DesktopAgent.Chat.Tools;

/// <summary>
/// Executes the tool calls of the chat agent's model on this desktop, straight through the agent's own services:
/// <c>computer</c> (Anthropic's computer-use tool, coordinates in the auto-scaled view), <c>bash</c> and
/// <c>str_replace_based_edit_tool</c> (Anthropic's text editor). <see cref="RunAsync"/> never throws for a bad call:
/// wrong input, refused actions and failures of the desktop come back as an output with IsError, worded for the
/// model; only cancellation propagates.
/// </summary>
internal sealed partial class DesktopToolbox(
    InputService input,
    ScreenshotService screenshots,
    ExecService exec,
    IOptions<ToolboxOptions> options,
    ILogger<DesktopToolbox> logger)
{
    public const string Computer = "computer";
    public const string Bash = "bash";
    public const string Editor = "str_replace_based_edit_tool";

    // The model's whole-screen screenshots, one after the other: a step that changed a few rows of the screen (a typed
    // character) recompresses only those strips, and one that changed nothing returns the previous PNG as it was.
    private readonly PngStripCache _screens = new();

    private ToolboxOptions Options => options.Value;

    /// <summary>The screen as the model sees it: the real screen scaled by the computer-use rule (its display_width_px/height_px).</summary>
    public async Task<ScreenSize> ModelScreenAsync(CancellationToken cancellationToken) =>
        ScreenScaling.AutoTarget(await input.ScreenAsync(cancellationToken));

    /// <summary>Runs the tool <paramref name="name"/> with the model's <paramref name="toolInput"/>.</summary>
    public async Task<ToolOutput> RunAsync(string name, JsonElement toolInput, CancellationToken cancellationToken)
    {
        try
        {
            return name switch
            {
                Computer => await RunComputerAsync(ToolInput.Of(toolInput, "the computer tool"), cancellationToken),
                Bash => await RunBashAsync(ToolInput.Of(toolInput, "the bash tool"), cancellationToken),
                Editor => await RunEditorAsync(ToolInput.Of(toolInput, Editor), cancellationToken),
                _ => ToolOutput.Error($"there is no tool named '{name}'; the tools are {Computer}, {Bash} and {Editor}"),
            };
        }
        catch (ToolInputException wrong)
        {
            return ToolOutput.Error(wrong.Message);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            ToolboxLog.ToolFailed(logger, name, failure);
            return ToolOutput.Error($"the {name} tool failed: {failure.Message}");
        }
    }

    private static ToolImage Image(EncodedImage image) =>
        new(image.Bytes, image.ContentType, image.Image.Width, image.Image.Height);
}
