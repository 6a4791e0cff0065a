using LeBureau.DesktopAgent.Screen;
using LeBureau.DesktopAgent.Screenshot;

namespace LeBureau.DesktopAgent.Tests.Unit;

public sealed class ScreenshotPlanTests
{
    private static readonly ScreenSize Hd = new(1920, 1080);

    private static ScreenshotQuery Query(
        string? format = null, int? quality = null, string? scale = null, int? width = null, int? height = null,
        int? x = null, int? y = null, int? w = null, int? h = null, bool? scaled = null) =>
        new(format, quality, scale, width, height, x, y, w, h, scaled);

    [Fact]
    public void Default_is_the_full_screen_as_png_unscaled()
    {
        ScreenshotPlan.TryCreate(Hd, Query(), out _).Should().Be(
            new ScreenshotPlan(new CaptureRegion(0, 0, 1920, 1080), Hd, ImageFormat.Png, 80));
    }

    [Fact]
    public void Auto_scale_follows_the_computer_use_rule()
    {
        ScreenshotPlan.TryCreate(Hd, Query(format: "jpeg", quality: 60, scale: "auto"), out _)!.Output.Should().Be(new ScreenSize(1366, 768));
    }

    [Fact]
    public void One_output_side_keeps_the_aspect_ratio()
    {
        ScreenshotPlan.TryCreate(Hd, Query(width: 960), out _)!.Output.Should().Be(new ScreenSize(960, 540));
    }

    [Fact]
    public void A_region_in_scaled_coordinates_is_captured_in_screen_pixels()
    {
        var plan = ScreenshotPlan.TryCreate(Hd, Query(scale: "auto", x: 683, y: 384, w: 100, h: 50), out _)!;
        plan.Region.Should().Be(new CaptureRegion(960, 540, 141, 71));
    }

    [Theory]
    [InlineData("gif", null, null, null, "format")]
    [InlineData(null, 0, null, null, "quality")]
    [InlineData(null, null, "zoom", null, "scale")]
    [InlineData(null, null, null, 5, "region")]
    public void Bad_queries_are_rejected_naming_the_parameter(string? format, int? quality, string? scale, int? x, string named)
    {
        ScreenshotPlan.TryCreate(Hd, Query(format, quality, scale, x: x), out var error).Should().BeNull();
        error.Should().Contain(named);
    }

    [Fact]
    public void A_region_outside_the_screen_is_rejected_naming_the_bounds()
    {
        ScreenshotPlan.TryCreate(Hd, Query(x: 1900, y: 0, w: 100, h: 10), out var error).Should().BeNull();
        error.Should().Contain("1920x1080");
    }
}
