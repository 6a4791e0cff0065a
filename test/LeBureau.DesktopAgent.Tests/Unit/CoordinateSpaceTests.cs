using LeBureau.DesktopAgent.Screen;

namespace LeBureau.DesktopAgent.Tests.Unit;

public sealed class CoordinateSpaceTests
{
    [Fact]
    public void Unscaled_coordinates_map_to_themselves()
    {
        var space = CoordinateSpace.For(new ScreenSize(1280, 800), scaled: false);
        space.TryToScreen(0, 0, "x,y", out _).Should().Be((0, 0));
        space.TryToScreen(1279, 799, "x,y", out _).Should().Be((1279, 799));
    }

    [Fact]
    public void Scaled_coordinates_are_scaled_back_to_the_screen()
    {
        var space = CoordinateSpace.For(new ScreenSize(1920, 1080), scaled: true);
        space.View.Should().Be(new ScreenSize(1366, 768));
        space.TryToScreen(683, 384, "x,y", out _).Should().Be((960, 540));
        space.TryToScreen(1365, 767, "x,y", out _).Should().Be((1919, 1079));
        space.FromScreen(960, 540).Should().Be((683, 384));
    }

    [Fact]
    public void Out_of_range_coordinates_are_rejected_naming_the_bounds()
    {
        var space = CoordinateSpace.For(new ScreenSize(1920, 1080), scaled: true);
        space.TryToScreen(1366, 10, "x,y", out var error).Should().BeNull();
        error.Should().Contain("0..1365").And.Contain("0..767").And.Contain("scaled");
        space.TryToScreen(-1, 10, "start", out error).Should().BeNull();
        error.Should().StartWith("start");
    }
}
