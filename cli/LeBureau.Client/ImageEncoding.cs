namespace LeBureau.Client;

/// <summary>How a screenshot is encoded.</summary>
public enum ImageEncoding
{
    /// <summary>Lossless PNG (the default).</summary>
    Png,

    /// <summary>JPEG with a quality of 1–100: much smaller, for previews.</summary>
    Jpeg,
}
