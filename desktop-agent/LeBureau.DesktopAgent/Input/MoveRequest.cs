namespace LeBureau.DesktopAgent.Input;

/// <summary>POST /input/move: <c>{ "x": 10, "y": 20, "scaled": false }</c>.</summary>
public sealed record MoveRequest(int X, int Y, bool Scaled = false);
