namespace LeBureau.Client;

/// <summary>A screen point in pixels from the top-left corner.</summary>
public sealed record ScreenPoint(int X, int Y);
