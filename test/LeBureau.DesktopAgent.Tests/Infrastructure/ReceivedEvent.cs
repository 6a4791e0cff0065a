namespace LeBureau.DesktopAgent.Tests.Infrastructure;

/// <summary>An input event a <see cref="TestWindow"/> received: type, button or keycode, modifier state, position, keysym.</summary>
public sealed record ReceivedEvent(int Type, uint Detail, uint State, int X, int Y, uint Keysym)
{
    /// <summary>The character the keysym stands for (Latin-1 or a Unicode keysym), else null.</summary>
    public string? Text => Keysym switch
    {
        >= 0x20 and <= 0xff => ((char)Keysym).ToString(),
        >= 0x01000100 and <= 0x0110ffff => char.ConvertFromUtf32((int)(Keysym - 0x01000000)),
        _ => null,
    };
}
