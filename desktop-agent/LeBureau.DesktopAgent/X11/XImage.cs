using System.Runtime.InteropServices;

namespace LeBureau.DesktopAgent.X11;

/// <summary>Xlib's XImage structure (fields up to the function table, which we never call directly).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct XImage
{
    public int Width;
    public int Height;
    public int XOffset;
    public int Format;
    public IntPtr Data;
    public int ByteOrder;
    public int BitmapUnit;
    public int BitmapBitOrder;
    public int BitmapPad;
    public int Depth;
    public int BytesPerLine;
    public int BitsPerPixel;
    public nuint RedMask;
    public nuint GreenMask;
    public nuint BlueMask;
}
