namespace LeBureau.DesktopAgent.Tests.Infrastructure;

/// <summary>A <see cref="DesktopFixture"/> on a 1920×1080 screen, larger than XGA, so computer-use scaling applies (1366×768).</summary>
public sealed class WideDesktopFixture : DesktopFixture
{
    public WideDesktopFixture()
        : base(1920, 1080)
    {
    }
}
