using System.Runtime.InteropServices;

namespace LeBureau.DesktopAgent.X11;

/// <summary>The XTEST extension: synthetic pointer and keyboard events that applications cannot tell from real ones.</summary>
internal static partial class XTest
{
    private const string Lib = "libXtst.so.6";

    [LibraryImport(Lib)]
    public static partial int XTestFakeMotionEvent(IntPtr display, int screen, int x, int y, nuint delay);

    [LibraryImport(Lib)]
    public static partial int XTestFakeButtonEvent(IntPtr display, uint button, int isPress, nuint delay);

    [LibraryImport(Lib)]
    public static partial int XTestFakeKeyEvent(IntPtr display, uint keycode, int isPress, nuint delay);
}
