namespace LeBureau.DesktopAgent.Input;

/// <summary>
/// POST /input/click. X and Y move the pointer first (both or neither); Clicks is 0..100 (0 only moves),
/// default 1; Action click|down|up, default click; Button left|right|middle, default left.
/// </summary>
public sealed record ClickRequest(
    int? X = null,
    int? Y = null,
    MouseButton Button = MouseButton.Left,
    int Clicks = 1,
    ClickAction Action = ClickAction.Click,
    bool Scaled = false);
