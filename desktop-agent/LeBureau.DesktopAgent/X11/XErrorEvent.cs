using System.Runtime.InteropServices;

namespace LeBureau.DesktopAgent.X11;

/// <summary>Xlib's XErrorEvent, as passed to the error handler.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct XErrorEvent
{
    public int Type;
    public IntPtr Display;
    public nuint ResourceId;
    public nuint Serial;
    public byte ErrorCode;
    public byte RequestCode;
    public byte MinorCode;
}
