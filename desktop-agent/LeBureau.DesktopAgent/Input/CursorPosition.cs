namespace LeBureau.DesktopAgent.Input;

/// <summary>The pointer position in the caller's coordinates; Scaled says which space.</summary>
public sealed record CursorPosition(int X, int Y, bool Scaled);
