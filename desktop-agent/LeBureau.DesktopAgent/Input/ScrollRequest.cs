namespace LeBureau.DesktopAgent.Input;

/// <summary>POST /input/scroll: Amount wheel clicks (0..100) in Direction, at X,Y when given (both or neither).</summary>
public sealed record ScrollRequest(
    ScrollDirection Direction,
    int Amount,
    int? X = null,
    int? Y = null,
    bool Scaled = false);
