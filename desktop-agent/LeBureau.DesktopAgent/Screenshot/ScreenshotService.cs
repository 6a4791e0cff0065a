using LeBureau.DesktopAgent.Screen;
using LeBureau.DesktopAgent.X11;
using SkiaSharp;

namespace LeBureau.DesktopAgent.Screenshot;

/// <summary>Captures the screen on the X thread (one copy out of shared memory) and encodes it here with SkiaSharp.</summary>
internal sealed class ScreenshotService(XDisplay display)
{
    // Screenshots are mostly flat colours and text: the Sub filter with zlib level 1 is several times
    // faster than the defaults for a size within about 20 % of them.
    private static readonly SKPngEncoderOptions PngOptions = new(SKPngEncoderFilterFlags.Sub, 1);

    public async Task<ScreenInfo> InfoAsync(CancellationToken cancellationToken)
    {
        var screen = await display.InvokeAsync((session, _) => session.Size, cancellationToken);
        var scaled = ScreenScaling.AutoTarget(screen);
        return new ScreenInfo(screen.Width, screen.Height, scaled.Width, scaled.Height);
    }

    public async Task<Outcome<EncodedImage>> CaptureAsync(ScreenshotQuery query, CancellationToken cancellationToken)
    {
        var screen = await display.InvokeAsync((session, _) => session.Size, cancellationToken);
        if (ScreenshotPlan.TryCreate(screen, query, out var error) is not { } plan)
        {
            return Outcome<EncodedImage>.Fail(error!);
        }

        var region = plan.Region;
        using var captured = new SKBitmap(new SKImageInfo(region.Width, region.Height, SKColorType.Bgra8888, SKAlphaType.Opaque));
        var pixels = captured.GetPixels();
        var stride = captured.RowBytes;
        await display.InvokeAsync(
            (session, _) =>
            {
                session.CopyScreen(region, pixels, stride);
                return true;
            },
            cancellationToken);

        var resized = plan.Output.Width == region.Width && plan.Output.Height == region.Height
            ? null
            : captured.Resize(
                new SKImageInfo(plan.Output.Width, plan.Output.Height, SKColorType.Bgra8888, SKAlphaType.Opaque),
                new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None))
                ?? throw new InvalidOperationException($"resizing to {plan.Output} failed");
        using (resized)
        {
            using var pixmap = (resized ?? captured).PeekPixels();
            using var data = (plan.Format == ImageFormat.Png
                ? pixmap.Encode(PngOptions)
                : pixmap.Encode(new SKJpegEncoderOptions(plan.Quality, SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.Ignore)))
                ?? throw new InvalidOperationException($"encoding the screenshot as {plan.Format} failed");
            var contentType = plan.Format == ImageFormat.Png ? "image/png" : "image/jpeg";
            return new EncodedImage(data.ToArray(), contentType, screen, plan.Output);
        }
    }
}
