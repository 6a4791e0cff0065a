namespace LeBureau.DesktopAgent.Screen;

/// <summary>
/// Maps between the coordinates a caller works in (the screen itself, or the scaled view it was shown)
/// and screen pixels. Out-of-range coordinates are rejected, never clamped: a clamped click lands
/// somewhere the model did not mean.
/// </summary>
public sealed class CoordinateSpace
{
    public CoordinateSpace(ScreenSize screen, ScreenSize view)
    {
        Screen = screen;
        View = view;
    }

    public ScreenSize Screen { get; }

    public ScreenSize View { get; }

    public bool IsScaled => View != Screen;

    public static CoordinateSpace For(ScreenSize screen, bool scaled) =>
        new(screen, scaled ? ScreenScaling.AutoTarget(screen) : screen);

    /// <summary>Converts a point of the view to screen pixels; null with an error naming the bounds when outside.</summary>
    public (int X, int Y)? TryToScreen(int x, int y, string field, out string? error)
    {
        if (x < 0 || y < 0 || x >= View.Width || y >= View.Height)
        {
            var what = IsScaled ? $"the scaled screen {View} (screen {Screen})" : $"the screen {Screen}";
            error = $"{field} ({x}, {y}) is outside {what}: x must be in 0..{View.Width - 1} and y in 0..{View.Height - 1}";
            return null;
        }

        error = null;
        return (Scale(x, View.Width, Screen.Width), Scale(y, View.Height, Screen.Height));
    }

    /// <summary>Converts screen pixels to the view (for reporting the cursor position).</summary>
    public (int X, int Y) FromScreen(int x, int y) =>
        (Scale(x, Screen.Width, View.Width), Scale(y, Screen.Height, View.Height));

    // Maps pixel centres, so the identity mapping is exact and round trips stay inside the target.
    private static int Scale(int value, int from, int to) =>
        Math.Clamp((int)Math.Floor((value + 0.5) * to / from), 0, to - 1);
}
