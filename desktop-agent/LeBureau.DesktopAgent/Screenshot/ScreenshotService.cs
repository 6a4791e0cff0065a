using System.Buffers;
using System.Runtime.InteropServices;
using LeBureau.DesktopAgent.Screen;
using LeBureau.DesktopAgent.X11;
using SkiaSharp;

namespace LeBureau.DesktopAgent.Screenshot;

/// <summary>
/// Captures the screen on the X thread (one copy out of shared memory into a pooled buffer) and encodes
/// it here: PNG with <see cref="PngWriter"/>, JPEG and scaling with SkiaSharp.
/// </summary>
internal sealed class ScreenshotService(XDisplay display)
{
    public async Task<ScreenInfo> InfoAsync(CancellationToken cancellationToken)
    {
        var screen = await display.InvokeAsync((session, _) => session.Size, cancellationToken);
        var scaled = ScreenScaling.AutoTarget(screen);
        return new ScreenInfo(screen.Width, screen.Height, scaled.Width, scaled.Height);
    }

    public Task<Outcome<EncodedImage>> CaptureAsync(ScreenshotQuery query, CancellationToken cancellationToken) =>
        CaptureAsync(query, pngCache: null, cancellationToken);

    /// <summary>
    /// Captures and encodes; a PNG encoded through <paramref name="pngCache"/> (the previous image of the same series)
    /// recompresses only the strips whose pixels changed, and is the previous PNG itself when none did.
    /// </summary>
    public async Task<Outcome<EncodedImage>> CaptureAsync(ScreenshotQuery query, PngStripCache? pngCache, CancellationToken cancellationToken)
    {
        var screen = await display.InvokeAsync((session, _) => session.Size, cancellationToken);
        if (ScreenshotPlan.TryCreate(screen, query, out var error) is not { } plan)
        {
            return Outcome<EncodedImage>.Fail(error!);
        }

        var region = plan.Region;
        var stride = region.Width * 4;
        var pixels = ArrayPool<byte>.Shared.Rent(stride * region.Height);
        var pin = GCHandle.Alloc(pixels, GCHandleType.Pinned);
        try
        {
            var address = pin.AddrOfPinnedObject();
            await display.InvokeAsync(
                (session, _) =>
                {
                    session.CopyScreen(region, address, stride);
                    return true;
                },
                cancellationToken);
            var bytes = Encode(plan, pixels, address, stride, pngCache);
            var contentType = plan.Format == ImageFormat.Png ? "image/png" : "image/jpeg";
            return new EncodedImage(bytes, contentType, screen, plan.Output);
        }
        finally
        {
            pin.Free();
            ArrayPool<byte>.Shared.Return(pixels);
        }
    }

    private static byte[] Encode(ScreenshotPlan plan, byte[] pixels, IntPtr address, int stride, PngStripCache? pngCache)
    {
        var region = plan.Region;
        var scaled = plan.Output.Width != region.Width || plan.Output.Height != region.Height;
        if (plan.Format == ImageFormat.Png && !scaled)
        {
            return PngWriter.Encode(pixels, region.Width, region.Height, stride, pngCache);
        }

        using var captured = new SKBitmap();
        captured.InstallPixels(new SKImageInfo(region.Width, region.Height, SKColorType.Bgra8888, SKAlphaType.Opaque), address, stride);
        using var resized = scaled
            ? captured.Resize(
                new SKImageInfo(plan.Output.Width, plan.Output.Height, SKColorType.Bgra8888, SKAlphaType.Opaque),
                new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None))
                ?? throw new InvalidOperationException($"resizing to {plan.Output} failed")
            : null;
        var image = resized ?? captured;
        if (plan.Format == ImageFormat.Png)
        {
            return PngWriter.Encode(image.GetPixelSpan(), image.Width, image.Height, image.RowBytes, pngCache);
        }

        using var pixmap = image.PeekPixels();
        using var data = pixmap.Encode(new SKJpegEncoderOptions(plan.Quality, SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.Ignore))
            ?? throw new InvalidOperationException("encoding the screenshot as JPEG failed");
        return data.ToArray();
    }
}
