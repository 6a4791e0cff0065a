namespace LeBureau.DesktopAgent.Input;

/// <summary>A point in the caller's coordinates (screen pixels, or the scaled view when <c>scaled</c> is true).</summary>
public sealed record Point(int X, int Y);
