using System.Net;
using LeBureau.DesktopAgent.Tests.Infrastructure;
using SkiaSharp;

namespace LeBureau.DesktopAgent.Tests.Integration;

/// <summary>Paints four coloured quadrants with real X windows and checks the pixels the agent returns.</summary>
[Collection(DesktopCollection.Name)]
public sealed class ScreenshotTests(DesktopFixture desktop)
{
    private const uint Red = 0xff0000;
    private const uint Green = 0x00ff00;
    private const uint Blue = 0x0000ff;
    private const uint White = 0xffffff;

    [Theory]
    [InlineData("png", 0)]
    [InlineData("jpeg", 12)]
    public async Task Screenshot_pixels_match_the_painted_pattern(string format, int tolerance)
    {
        using var quadrants = await PaintQuadrantsAsync();

        var response = await desktop.Client.GetAsync($"/screenshot?format={format}");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be($"image/{format}");
        using var image = SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());
        (image.Width, image.Height).Should().Be((1280, 800));
        AssertColour(image, 320, 200, Red, tolerance);
        AssertColour(image, 960, 200, Green, tolerance);
        AssertColour(image, 320, 600, Blue, tolerance);
        AssertColour(image, 960, 600, White, tolerance);
        if (tolerance == 0)
        {
            AssertColour(image, 639, 399, Red, 0);
            AssertColour(image, 640, 399, Green, 0);
            AssertColour(image, 639, 400, Blue, 0);
        }
    }

    [Theory]
    [InlineData("png", 2)]
    [InlineData("jpeg", 14)]
    public async Task Scaled_screenshot_has_the_requested_size_and_the_same_pattern(string format, int tolerance)
    {
        using var quadrants = await PaintQuadrantsAsync();

        var response = await desktop.Client.GetAsync($"/screenshot?format={format}&width=640");

        response.Headers.GetValues("X-Image-Width").Should().Equal("640");
        response.Headers.GetValues("X-Screen-Width").Should().Equal("1280");
        using var image = SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());
        (image.Width, image.Height).Should().Be((640, 400));
        AssertColour(image, 160, 100, Red, tolerance);
        AssertColour(image, 480, 100, Green, tolerance);
        AssertColour(image, 160, 300, Blue, tolerance);
        AssertColour(image, 480, 300, White, tolerance);
    }

    [Fact]
    public async Task Auto_scale_keeps_a_1280x800_screen_as_is()
    {
        var response = await desktop.Client.GetAsync("/screenshot?scale=auto&format=jpeg");

        using var image = SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());
        (image.Width, image.Height).Should().Be((1280, 800));
    }

    [Fact]
    public async Task Region_zoom_captures_only_that_rectangle()
    {
        using var quadrants = await PaintQuadrantsAsync();

        var response = await desktop.Client.GetAsync("/screenshot?x=600&y=380&w=80&h=40");

        using var image = SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());
        (image.Width, image.Height).Should().Be((80, 40));
        AssertColour(image, 10, 5, Red, 0);
        AssertColour(image, 70, 5, Green, 0);
        AssertColour(image, 10, 35, Blue, 0);
        AssertColour(image, 70, 35, White, 0);
    }

    [Fact]
    public async Task Region_outside_the_screen_is_400()
    {
        var response = await desktop.Client.GetAsync("/screenshot?x=1200&y=0&w=100&h=10");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.DetailAsync()).Should().Contain("1280x800");
    }

    [Fact]
    public async Task Screen_reports_the_size_and_the_scaled_size()
    {
        var screen = await (await desktop.Client.GetAsync("/screen")).JsonAsync();

        screen.GetProperty("width").GetInt32().Should().Be(1280);
        screen.GetProperty("scaledWidth").GetInt32().Should().Be(1280);
        screen.GetProperty("scaledHeight").GetInt32().Should().Be(800);
    }

    private async Task<Quadrants> PaintQuadrantsAsync() => new(
    [
        await TestWindow.OpenAsync(desktop.Display, 0, 0, 640, 400, Red),
        await TestWindow.OpenAsync(desktop.Display, 640, 0, 640, 400, Green),
        await TestWindow.OpenAsync(desktop.Display, 0, 400, 640, 400, Blue),
        await TestWindow.OpenAsync(desktop.Display, 640, 400, 640, 400, White),
    ]);

    private static void AssertColour(SKBitmap image, int x, int y, uint rgb, int tolerance)
    {
        var pixel = image.GetPixel(x, y);
        var expected = new[] { (int)(rgb >> 16) & 0xff, (int)(rgb >> 8) & 0xff, (int)rgb & 0xff };
        var actual = new[] { (int)pixel.Red, pixel.Green, pixel.Blue };
        actual.Zip(expected).Should().OnlyContain(
            c => Math.Abs(c.First - c.Second) <= tolerance, because: $"pixel ({x}, {y}) is {pixel} and should be #{rgb:x6}");
    }

    private sealed class Quadrants(IReadOnlyList<TestWindow> windows) : IDisposable
    {
        public void Dispose()
        {
            foreach (var window in windows)
            {
                window.Dispose();
            }
        }
    }
}
