namespace LeBureau.DesktopAgent.Screen;

/// <summary>
/// The computer-use scaling rule. A screen of at most XGA (1024×768 pixels in area) is not scaled.
/// A larger screen is scaled to the largest of 1024×768, 1280×800 and 1366×768 whose aspect ratio is
/// within 0.02 of the screen's and that fits inside it; when none matches, it is scaled to fit inside
/// 1024×768 with its own aspect ratio. Models see the scaled image and answer in scaled coordinates.
/// </summary>
public static class ScreenScaling
{
    private const double AspectTolerance = 0.02;
    private static readonly ScreenSize Xga = new(1024, 768);
    private static readonly ScreenSize[] Targets = [Xga, new(1280, 800), new(1366, 768)];

    public static ScreenSize AutoTarget(ScreenSize screen)
    {
        if ((long)screen.Width * screen.Height <= (long)Xga.Width * Xga.Height)
        {
            return screen;
        }

        var ratio = (double)screen.Width / screen.Height;
        var matching = Targets
            .Where(t => Math.Abs(((double)t.Width / t.Height) - ratio) < AspectTolerance)
            .Where(t => t.Width <= screen.Width && t.Height <= screen.Height)
            .OrderByDescending(t => (long)t.Width * t.Height)
            .ToList();
        if (matching.Count > 0)
        {
            return matching[0];
        }

        return Fit(screen, Xga);
    }

    /// <summary>The largest size with <paramref name="source"/>'s aspect ratio that fits inside <paramref name="box"/>.</summary>
    public static ScreenSize Fit(ScreenSize source, ScreenSize box)
    {
        var factor = Math.Min((double)box.Width / source.Width, (double)box.Height / source.Height);
        return new ScreenSize(
            Math.Max(1, (int)Math.Round(source.Width * factor)),
            Math.Max(1, (int)Math.Round(source.Height * factor)));
    }
}
