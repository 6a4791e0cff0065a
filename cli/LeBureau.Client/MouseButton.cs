namespace LeBureau.Client;

/// <summary>A mouse button.</summary>
public enum MouseButton
{
    Left,
    Right,
    Middle,
}
