namespace LeBureau.DesktopAgent.Input;

/// <summary>What a key request does: <c>press</c> (down then up, optionally held), <c>down</c> or <c>up</c> only.</summary>
public enum KeyAction
{
    /// <summary>All keys down in order, then up in reverse order.</summary>
    Press,

    /// <summary>All keys down in order.</summary>
    Down,

    /// <summary>All keys up in reverse order.</summary>
    Up,
}
