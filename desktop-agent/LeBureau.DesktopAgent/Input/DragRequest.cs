namespace LeBureau.DesktopAgent.Input;

/// <summary>
/// POST /input/drag: press at Start, move to End in Steps (1..1000, default 10) motion events spread over
/// DurationMs (0..60000, default 100), release.
/// </summary>
public sealed record DragRequest(
    Point Start,
    Point End,
    MouseButton Button = MouseButton.Left,
    int Steps = 10,
    int DurationMs = 100,
    bool Scaled = false);
