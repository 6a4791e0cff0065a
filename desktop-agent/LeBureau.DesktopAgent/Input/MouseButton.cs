namespace LeBureau.DesktopAgent.Input;

/// <summary>A mouse button. Serialised as <c>left</c>, <c>right</c>, <c>middle</c>.</summary>
public enum MouseButton
{
    /// <summary>X button 1.</summary>
    Left,

    /// <summary>X button 3.</summary>
    Right,

    /// <summary>X button 2.</summary>
    Middle,
}
