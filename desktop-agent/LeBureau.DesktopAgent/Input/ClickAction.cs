namespace LeBureau.DesktopAgent.Input;

/// <summary>What a click does with the button: <c>click</c> (press and release), <c>down</c> or <c>up</c> only.</summary>
public enum ClickAction
{
    /// <summary>Press and release, <c>clicks</c> times.</summary>
    Click,

    /// <summary>Press only (mouse down).</summary>
    Down,

    /// <summary>Release only (mouse up).</summary>
    Up,
}
