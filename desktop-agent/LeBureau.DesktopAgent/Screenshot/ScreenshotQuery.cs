namespace LeBureau.DesktopAgent.Screenshot;

/// <summary>
/// GET /screenshot query. Format png|jpeg (default png); Quality 1..100 for jpeg (default 80);
/// Scale none|auto (default none; auto applies <see cref="Screen.ScreenScaling"/>); Width/Height force an
/// output size (one of them keeps the aspect ratio); X, Y, W, H capture a region (zoom), in scaled
/// coordinates when Scaled is true (default: true when scale=auto).
/// </summary>
public sealed record ScreenshotQuery(
    string? Format,
    int? Quality,
    string? Scale,
    int? Width,
    int? Height,
    int? X,
    int? Y,
    int? W,
    int? H,
    bool? Scaled);
