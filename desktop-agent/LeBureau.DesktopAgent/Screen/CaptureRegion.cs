namespace LeBureau.DesktopAgent.Screen;

/// <summary>A rectangle of the screen to capture (zoom), in screen pixels.</summary>
public readonly record struct CaptureRegion(int X, int Y, int Width, int Height)
{
    /// <summary>
    /// Validates an optional region given in the caller's coordinates and converts it to screen pixels.
    /// All of x, y, w and h or none; the rectangle must lie inside the view.
    /// </summary>
    public static CaptureRegion? TryCreate(int? x, int? y, int? w, int? h, CoordinateSpace space, out string? error)
    {
        ArgumentNullException.ThrowIfNull(space);
        error = null;
        if (x is null && y is null && w is null && h is null)
        {
            return new CaptureRegion(0, 0, space.Screen.Width, space.Screen.Height);
        }

        if (x is not { } left || y is not { } top || w is not { } width || h is not { } height)
        {
            error = "a region needs all of x, y, w and h";
            return null;
        }

        var view = space.View;
        if (width <= 0 || height <= 0 || left < 0 || top < 0 || left + width > view.Width || top + height > view.Height)
        {
            error = $"region x={left} y={top} w={width} h={height} is outside {(space.IsScaled ? "the scaled screen" : "the screen")} {view}: it must lie within 0..{view.Width} × 0..{view.Height} with w, h > 0";
            return null;
        }

        var sx0 = (int)Math.Floor((double)left * space.Screen.Width / view.Width);
        var sy0 = (int)Math.Floor((double)top * space.Screen.Height / view.Height);
        var sx1 = (int)Math.Ceiling((double)(left + width) * space.Screen.Width / view.Width);
        var sy1 = (int)Math.Ceiling((double)(top + height) * space.Screen.Height / view.Height);
        return new CaptureRegion(sx0, sy0, Math.Max(1, sx1 - sx0), Math.Max(1, sy1 - sy0));
    }

    public bool IsFull(ScreenSize screen) => X == 0 && Y == 0 && Width == screen.Width && Height == screen.Height;
}
