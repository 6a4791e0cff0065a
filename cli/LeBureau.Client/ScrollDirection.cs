namespace LeBureau.Client;

/// <summary>Which way the wheel scrolls.</summary>
public enum ScrollDirection
{
    Up,
    Down,
    Left,
    Right,
}
