using LeBureau.DesktopAgent.Screen;

namespace LeBureau.DesktopAgent.Tests.Unit;

public sealed class ScreenScalingTests
{
    [Theory]
    [InlineData(800, 600, 800, 600)]
    [InlineData(1024, 768, 1024, 768)]
    [InlineData(1280, 800, 1280, 800)]
    [InlineData(1920, 1080, 1366, 768)]
    [InlineData(2560, 1600, 1280, 800)]
    [InlineData(1920, 1200, 1280, 800)]
    [InlineData(1600, 1200, 1024, 768)]
    [InlineData(3440, 1440, 1024, 429)]
    public void Screens_larger_than_XGA_scale_to_the_largest_target_with_their_aspect_ratio(int width, int height, int expectedWidth, int expectedHeight)
    {
        ScreenScaling.AutoTarget(new ScreenSize(width, height)).Should().Be(new ScreenSize(expectedWidth, expectedHeight));
    }
}
