using System.Text.Json;
using LeBureau.DesktopAgent.Input;
using LeBureau.DesktopAgent.Screen;
using LeBureau.DesktopAgent.Screenshot;

namespace LeBureau.DesktopAgent.Chat.Tools;

/// <summary>The <c>computer</c> tool: Anthropic's computer-use actions (computer_20251124) on the auto-scaled view.</summary>
internal sealed partial class DesktopToolbox
{
    /// <summary>Longest hold_key or wait, in seconds (the input service's own bound).</summary>
    public const int MaxDurationSeconds = 60;

    internal static readonly string[] ComputerActions =
    [
        "key", "type", "mouse_move", "left_click", "left_click_drag", "right_click", "middle_click", "double_click",
        "triple_click", "left_mouse_down", "left_mouse_up", "scroll", "hold_key", "wait", "screenshot", "cursor_position", "zoom",
    ];

    internal static readonly string[] ScrollDirections = ["up", "down", "left", "right"];

    private const string PointShape = "an array of two integers [x, y] in the screenshot's pixels";
    private const string RegionShape = "an array of four integers [x0, y0, x1, y1] in the screenshot's pixels";

    private async Task<ToolOutput> RunComputerAsync(ToolInput call, CancellationToken cancellationToken)
    {
        var action = call.RequiredString("action");
        var args = call.For($"the computer action {action}");
        return action switch
        {
            "screenshot" => await ScreenshotAsync(cancellationToken),
            "cursor_position" => await CursorPositionAsync(cancellationToken),
            "zoom" => await ZoomAsync(args.RequiredInts("region", 4, RegionShape), cancellationToken),
            "mouse_move" => await MoveAsync(RequiredPoint(args, "coordinate"), cancellationToken),
            "left_click" => await ClickAsync(args, action, MouseButton.Left, 1, cancellationToken),
            "right_click" => await ClickAsync(args, action, MouseButton.Right, 1, cancellationToken),
            "middle_click" => await ClickAsync(args, action, MouseButton.Middle, 1, cancellationToken),
            "double_click" => await ClickAsync(args, action, MouseButton.Left, 2, cancellationToken),
            "triple_click" => await ClickAsync(args, action, MouseButton.Left, 3, cancellationToken),
            "left_mouse_down" => await MouseButtonAsync(args, action, ClickAction.Down, cancellationToken),
            "left_mouse_up" => await MouseButtonAsync(args, action, ClickAction.Up, cancellationToken),
            "left_click_drag" => await DragAsync(RequiredPoint(args, "start_coordinate"), RequiredPoint(args, "coordinate"), cancellationToken),
            "scroll" => await ScrollAsync(args, cancellationToken),
            "type" => await TypeAsync(args.RequiredString("text"), cancellationToken),
            "key" => await KeysAsync(args.RequiredString("text"), cancellationToken),
            "hold_key" => await HoldKeyAsync(args.RequiredString("text"), Duration(args), cancellationToken),
            "wait" => await WaitAsync(Duration(args), cancellationToken),
            _ => ToolOutput.Error($"unknown computer action '{action}'; the actions are {string.Join(", ", ComputerActions)}"),
        };
    }

    private async Task<ToolOutput> ScreenshotAsync(CancellationToken cancellationToken) =>
        Captured(await screenshots.CaptureAsync(AutoScaled(), _screens, cancellationToken), "screenshot");

    private async Task<ToolOutput> CursorPositionAsync(CancellationToken cancellationToken)
    {
        var cursor = await input.CursorAsync(scaled: true, cancellationToken);
        return ToolOutput.Success($"X={cursor.X},Y={cursor.Y}");
    }

    // The region is in the model's (scaled) coordinates; the capture is cut from the real screen and fitted into
    // the model's view size, so a small region comes back enlarged with the screen's full detail.
    private async Task<ToolOutput> ZoomAsync(int[] region, CancellationToken cancellationToken)
    {
        var (x0, y0, x1, y1) = (region[0], region[1], region[2], region[3]);
        if (x1 <= x0 || y1 <= y0)
        {
            return ToolOutput.Error($"region [{x0}, {y0}, {x1}, {y1}] must have x1 > x0 and y1 > y0 (top-left corner, then bottom-right)");
        }

        var view = await ModelScreenAsync(cancellationToken);
        var output = ScreenScaling.Fit(new ScreenSize(x1 - x0, y1 - y0), view);
        var query = new ScreenshotQuery("png", null, "auto", output.Width, output.Height, x0, y0, x1 - x0, y1 - y0, Scaled: true);
        return Captured(await screenshots.CaptureAsync(query, cancellationToken), $"zoom of [{x0}, {y0}, {x1}, {y1}]");
    }

    private async Task<ToolOutput> MoveAsync(Point to, CancellationToken cancellationToken) =>
        await AfterActionAsync(await input.MoveAsync(new MoveRequest(to.X, to.Y, Scaled: true), cancellationToken), "moved the pointer", cancellationToken);

    private async Task<ToolOutput> ClickAsync(ToolInput args, string action, MouseButton button, int clicks, CancellationToken cancellationToken)
    {
        var at = OptionalPoint(args, "coordinate");
        var request = new ClickRequest(at?.X, at?.Y, button, clicks, ClickAction.Click, Scaled: true);
        var done = await WithModifiersAsync(args.OptionalString("text"), () => input.ClickAsync(request, cancellationToken), cancellationToken);
        return await AfterActionAsync(done, action, cancellationToken);
    }

    private async Task<ToolOutput> MouseButtonAsync(ToolInput args, string action, ClickAction press, CancellationToken cancellationToken)
    {
        var at = OptionalPoint(args, "coordinate");
        var done = await input.ClickAsync(new ClickRequest(at?.X, at?.Y, MouseButton.Left, 1, press, Scaled: true), cancellationToken);
        return await AfterActionAsync(done, action, cancellationToken);
    }

    private async Task<ToolOutput> DragAsync(Point start, Point end, CancellationToken cancellationToken) =>
        await AfterActionAsync(await input.DragAsync(new DragRequest(start, end, Scaled: true), cancellationToken), "dragged", cancellationToken);

    private async Task<ToolOutput> ScrollAsync(ToolInput args, CancellationToken cancellationToken)
    {
        var direction = args.RequiredString("scroll_direction");
        if (Array.IndexOf(ScrollDirections, direction) < 0)
        {
            return ToolOutput.Error($"scroll_direction must be one of {string.Join(", ", ScrollDirections)}, got '{direction}'");
        }

        var amount = args.RequiredInt("scroll_amount");
        var at = OptionalPoint(args, "coordinate");
        var request = new ScrollRequest(Enum.Parse<ScrollDirection>(direction, ignoreCase: true), amount, at?.X, at?.Y, Scaled: true);
        var done = await WithModifiersAsync(args.OptionalString("text"), () => input.ScrollAsync(request, cancellationToken), cancellationToken);
        return await AfterActionAsync(done, $"scrolled {direction} by {amount}", cancellationToken);
    }

    private async Task<ToolOutput> TypeAsync(string text, CancellationToken cancellationToken)
    {
        var done = await input.TypeAsync(new TypeRequest(text), cancellationToken);
        return await AfterActionAsync(done, $"typed {text.Length} characters", cancellationToken);
    }

    // As with `xdotool key`, several combinations separated by spaces are pressed one after the other.
    private async Task<ToolOutput> KeysAsync(string text, CancellationToken cancellationToken)
    {
        var combos = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (combos.Length == 0)
        {
            combos = ["space"];
        }

        foreach (var combo in combos)
        {
            var done = await input.KeyAsync(new KeyRequest(JsonSerializer.SerializeToElement(combo)), cancellationToken);
            if (done.Error is { } error)
            {
                return ToolOutput.Error(error);
            }
        }

        return await AfterActionAsync(Outcome<bool>.Ok(true), $"pressed {string.Join(' ', combos)}", cancellationToken);
    }

    private async Task<ToolOutput> HoldKeyAsync(string keys, double seconds, CancellationToken cancellationToken)
    {
        var request = new KeyRequest(JsonSerializer.SerializeToElement(keys), KeyAction.Press, (int)Math.Round(seconds * 1000));
        return await AfterActionAsync(await input.KeyAsync(request, cancellationToken), $"held {keys} for {seconds:0.###} s", cancellationToken);
    }

    private async Task<ToolOutput> WaitAsync(double seconds, CancellationToken cancellationToken) =>
        await AfterActionAsync(await InputService.WaitAsync(new WaitRequest((int)Math.Round(seconds * 1000)), cancellationToken), $"waited {seconds:0.###} s", cancellationToken);

    /// <summary>Holds the modifier keys in <paramref name="modifiers"/> (e.g. "shift", "ctrl+alt") down around <paramref name="action"/>.</summary>
    private async Task<Outcome<T>> WithModifiersAsync<T>(string? modifiers, Func<Task<Outcome<T>>> action, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(modifiers))
        {
            return await action();
        }

        var keys = JsonSerializer.SerializeToElement(modifiers.Trim());
        var down = await input.KeyAsync(new KeyRequest(keys, KeyAction.Down), cancellationToken);
        if (down.Error is { } error)
        {
            return Outcome<T>.Fail($"text (the keys held during the action): {error}");
        }

        try
        {
            return await action();
        }
        finally
        {
            // Released even when the caller went away: a modifier left down would wedge the keyboard.
            await input.KeyAsync(new KeyRequest(keys, KeyAction.Up), CancellationToken.None);
        }
    }

    /// <summary>The answer to an action that may change the screen: what was done, with a fresh screenshot after the settle delay.</summary>
    private async Task<ToolOutput> AfterActionAsync<T>(Outcome<T> done, string what, CancellationToken cancellationToken)
    {
        if (done.Error is { } error)
        {
            return ToolOutput.Error(error);
        }

        if (Options.SettleDelayMs > 0)
        {
            await Task.Delay(Options.SettleDelayMs, cancellationToken);
        }

        var text = done.Value is CursorPosition cursor ? $"{what}; the pointer is at X={cursor.X},Y={cursor.Y}" : what;
        var shot = await screenshots.CaptureAsync(AutoScaled(), _screens, cancellationToken);
        return shot.Value is { } image ? ToolOutput.Success(text, Image(image)) : ToolOutput.Success($"{text} (no screenshot: {shot.Error})");
    }

    private static ToolOutput Captured(Outcome<EncodedImage> shot, string what) =>
        shot.Value is { } image
            ? ToolOutput.Success($"{what}, {image.Image.Width}x{image.Image.Height}", Image(image))
            : ToolOutput.Error(shot.Error!);

    private static Point RequiredPoint(ToolInput args, string name)
    {
        var xy = args.RequiredInts(name, 2, PointShape);
        return new Point(xy[0], xy[1]);
    }

    private static Point? OptionalPoint(ToolInput args, string name) =>
        args.OptionalInts(name, 2, PointShape) is { } xy ? new Point(xy[0], xy[1]) : null;

    // The input service bounds holds and waits itself; this gives the model the bound in seconds, its unit.
    private static double Duration(ToolInput args)
    {
        var seconds = args.RequiredNumber("duration");
        return seconds is >= 0 and <= MaxDurationSeconds
            ? seconds
            : throw new ToolInputException($"duration must be in 0..{MaxDurationSeconds} seconds, got {seconds}");
    }

    private static ScreenshotQuery AutoScaled() => new("png", null, "auto", null, null, null, null, null, null, null);
}
