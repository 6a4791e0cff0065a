namespace LeBureau.DesktopAgent.Screenshot;

/// <summary>GET /screen: the screen size and the size of its auto-scaled view (what <c>scaled: true</c> coordinates refer to).</summary>
public sealed record ScreenInfo(int Width, int Height, int ScaledWidth, int ScaledHeight);
