namespace LeBureau.DesktopAgent.Screenshot;

/// <summary>
/// What <see cref="PngWriter"/> keeps of the previous image of one series of screenshots (the chat agent's screenshots
/// of the whole screen) to encode the next one faster: the PNG and, per strip, a 128-bit hash of its pixels and its
/// compressed segment. Only an image of the same size and row stride reuses anything. Thread-safe; one caller at a
/// time gets the benefit (a second, concurrent one just encodes).
/// </summary>
public sealed class PngStripCache
{
    private readonly Lock _lock = new();
    private (int Width, int Height, int Stride) _size;
    private Strip[]? _strips;

    /// <summary>Png: the newest image encoded through this cache, or null.</summary>
    public byte[]? Png { get; private set; }

    /// <summary>The previous image's strips and PNG when it had this size and stride, else nulls.</summary>
    internal (Strip[]? Strips, byte[]? Png) Previous(int width, int height, int stride)
    {
        lock (_lock)
        {
            return _strips is not null && _size == (width, height, stride) ? (_strips, Png) : (null, null);
        }
    }

    internal void Keep(int width, int height, int stride, byte[] png, Strip[] strips)
    {
        lock (_lock)
        {
            (_size, _strips, Png) = ((width, height, stride), strips, png);
        }
    }

    /// <summary>One strip: the hash of its rows (and the row above), its raw-deflate segment, its Adler-32 and length uncompressed.</summary>
    internal sealed record Strip(UInt128 Hash, byte[] Segment, uint Adler, long Length);
}
