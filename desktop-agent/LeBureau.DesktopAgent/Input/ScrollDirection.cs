namespace LeBureau.DesktopAgent.Input;

/// <summary>A wheel direction: <c>up</c> (X button 4), <c>down</c> (5), <c>left</c> (6), <c>right</c> (7).</summary>
public enum ScrollDirection
{
    /// <summary>Wheel up, X button 4.</summary>
    Up,

    /// <summary>Wheel down, X button 5.</summary>
    Down,

    /// <summary>Wheel left, X button 6.</summary>
    Left,

    /// <summary>Wheel right, X button 7.</summary>
    Right,
}
