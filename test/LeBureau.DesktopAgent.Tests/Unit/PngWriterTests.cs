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

    [Fact]
    public void With_a_cache_unchanged_pixels_give_the_previous_png_itself()
    {
        var (width, height, stride) = (640, 200, 640 * 4);
        var bgrx = new byte[stride * height];
        Random.Shared.NextBytes(bgrx);
        var cache = new PngStripCache();

        var first = PngWriter.Encode(bgrx, width, height, stride, cache);
        var second = PngWriter.Encode(bgrx, width, height, stride, cache);

        second.Should().BeSameAs(first);
        first.Should().Equal(PngWriter.Encode(bgrx, width, height, stride));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(150)]
    [InlineData(199)]
    public void With_a_cache_a_changed_row_gives_the_bytes_of_a_fresh_encode_with_the_new_pixels(int row)
    {
        var (width, height, stride) = (333, 200, (333 * 4) + 8);
        var bgrx = new byte[stride * height];
        Random.Shared.NextBytes(bgrx);
        var cache = new PngStripCache();
        var before = PngWriter.Encode(bgrx, width, height, stride, cache);

        bgrx[(row * stride) + (100 * 4)] ^= 0x5a;
        var after = PngWriter.Encode(bgrx, width, height, stride, cache);

        after.Should().NotBeSameAs(before).And.Equal(PngWriter.Encode(bgrx, width, height, stride));
        using var decoded = SKBitmap.Decode(after);
        var source = (row * stride) + (100 * 4);
        decoded.GetPixel(100, row).Should().Be(new SKColor(bgrx[source + 2], bgrx[source + 1], bgrx[source]));
    }

    [Fact]
    public void With_a_cache_an_image_of_another_size_is_encoded_whole()
    {
        var bgrx = new byte[400 * 4 * 100];
        Random.Shared.NextBytes(bgrx);
        var cache = new PngStripCache();
        PngWriter.Encode(bgrx, 400, 100, 400 * 4, cache);

        var smaller = PngWriter.Encode(bgrx, 200, 100, 400 * 4, cache);

        smaller.Should().Equal(PngWriter.Encode(bgrx, 200, 100, 400 * 4));
        using var decoded = SKBitmap.Decode(smaller);
        (decoded.Width, decoded.Height).Should().Be((200, 100));
    }
}
