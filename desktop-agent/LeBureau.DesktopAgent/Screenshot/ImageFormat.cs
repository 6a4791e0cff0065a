namespace LeBureau.DesktopAgent.Screenshot;

/// <summary>A screenshot encoding: <c>png</c> (lossless) or <c>jpeg</c> (smaller, faster, lossy).</summary>
public enum ImageFormat
{
    /// <summary>PNG, fast zlib setting.</summary>
    Png,

    /// <summary>JPEG at the requested quality.</summary>
    Jpeg,
}
