using LeBureau.DesktopAgent.Screenshot;
using SkiaSharp;

namespace LeBureau.DesktopAgent.Tests.Unit;

public sealed class PngWriterTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 3)]
    [InlineData(333, 257)]
    [InlineData(1280, 800)]
    public void Encoded_png_decodes_to_the_same_pixels(int width, int height)
    {
        var stride = (width * 4) + 8;
        var bgrx = new byte[stride * height];
        Random.Shared.NextBytes(bgrx);

        var png = PngWriter.Encode(bgrx, width, height, stride);

        using var decoded = SKBitmap.Decode(png);
        decoded.Should().NotBeNull();
        (decoded.Width, decoded.Height).Should().Be((width, height));
        for (var y = 0; y < height; y += Math.Max(1, height / 17))
        {
            for (var x = 0; x < width; x += Math.Max(1, width / 13))
            {
                var source = (y * stride) + (x * 4);
                decoded.GetPixel(x, y).Should().Be(new SKColor(bgrx[source + 2], bgrx[source + 1], bgrx[source]), because: $"pixel ({x}, {y})");
            }
        }
    }
}
