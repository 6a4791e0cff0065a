using LeBureau.DesktopAgent.Screen;

namespace LeBureau.DesktopAgent.Screenshot;

/// <summary>What to capture, at which output size, in which encoding: decided from the query and the screen size.</summary>
public sealed record ScreenshotPlan(CaptureRegion Region, ScreenSize Output, ImageFormat Format, int Quality)
{
    private const int MaxOutputSide = 8192;

    public static ScreenshotPlan? TryCreate(ScreenSize screen, ScreenshotQuery query, out string? error)
    {
        ArgumentNullException.ThrowIfNull(query);
        ImageFormat? format = query.Format?.ToLowerInvariant() switch
        {
            null or "png" => ImageFormat.Png,
            "jpeg" or "jpg" => ImageFormat.Jpeg,
            _ => null,
        };
        if (format is null)
        {
            error = $"format must be png or jpeg, got '{query.Format}'";
            return null;
        }

        var quality = query.Quality ?? 80;
        if (quality is < 1 or > 100)
        {
            error = $"quality must be in 1..100, got {quality}";
            return null;
        }

        bool? auto = query.Scale?.ToLowerInvariant() switch
        {
            null or "none" => false,
            "auto" => true,
            _ => null,
        };
        if (auto is null)
        {
            error = $"scale must be auto or none, got '{query.Scale}'";
            return null;
        }

        var space = CoordinateSpace.For(screen, query.Scaled ?? auto.Value);
        if (CaptureRegion.TryCreate(query.X, query.Y, query.W, query.H, space, out error) is not { } region)
        {
            return null;
        }

        if (query.Width is < 1 or > MaxOutputSide || query.Height is < 1 or > MaxOutputSide)
        {
            error = $"width and height must be in 1..{MaxOutputSide}";
            return null;
        }

        var captured = new ScreenSize(region.Width, region.Height);
        var output = (query.Width, query.Height) switch
        {
            ({ } w, { } h) => new ScreenSize(w, h),
            ({ } w, null) => new ScreenSize(w, Math.Max(1, (int)Math.Round((double)w * captured.Height / captured.Width))),
            (null, { } h) => new ScreenSize(Math.Max(1, (int)Math.Round((double)h * captured.Width / captured.Height)), h),
            _ when auto.Value && region.IsFull(screen) => space.View,
            _ when auto.Value => ScreenScaling.AutoTarget(captured),
            _ => captured,
        };

        error = null;
        return new ScreenshotPlan(region, output, format.Value, quality);
    }
}
