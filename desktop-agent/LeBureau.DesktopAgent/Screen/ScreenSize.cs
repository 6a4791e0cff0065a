namespace LeBureau.DesktopAgent.Screen;

/// <summary>A width and height in pixels.</summary>
public readonly record struct ScreenSize(int Width, int Height)
{
    public override string ToString() => $"{Width}x{Height}";
}
