using System.Runtime.InteropServices;

namespace LeBureau.DesktopAgent.Tests.Infrastructure;

/// <summary>The few Xlib calls the tests' own X client needs.</summary>
internal static unsafe partial class TestXlib
{
    private const string Lib = "libX11.so.6";

    public const int KeyPress = 2;
    public const int KeyRelease = 3;
    public const int ButtonPress = 4;
    public const int ButtonRelease = 5;
    public const int MotionNotify = 6;
    public const int MapNotify = 19;
    public const long EventMask = 1 | 2 | 4 | 8 | 64 | 0x20000;
    public const uint ControlMask = 4;
    public const uint ShiftMask = 1;
    public const uint Mod1Mask = 8;
    public const uint Button1Mask = 0x100;

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr XOpenDisplay(string name);

    [LibraryImport(Lib)]
    public static partial int XCloseDisplay(IntPtr display);

    [LibraryImport(Lib)]
    public static partial nuint XDefaultRootWindow(IntPtr display);

    [LibraryImport(Lib)]
    public static partial nuint XCreateSimpleWindow(IntPtr display, nuint parent, int x, int y, uint width, uint height, uint borderWidth, nuint border, nuint background);

    [LibraryImport(Lib)]
    public static partial int XSelectInput(IntPtr display, nuint window, long mask);

    [LibraryImport(Lib)]
    public static partial int XMapRaised(IntPtr display, nuint window);

    [LibraryImport(Lib)]
    public static partial int XDestroyWindow(IntPtr display, nuint window);

    [LibraryImport(Lib)]
    public static partial int XSetInputFocus(IntPtr display, nuint focus, int revertTo, nuint time);

    [LibraryImport(Lib)]
    public static partial int XPending(IntPtr display);

    [LibraryImport(Lib)]
    public static partial int XNextEvent(IntPtr display, byte* eventBuffer);

    [LibraryImport(Lib)]
    public static partial int XLookupString(byte* keyEvent, byte* buffer, int length, out nuint keysym, IntPtr compose);

    [LibraryImport(Lib)]
    public static partial int XSync(IntPtr display, int discard);

    [LibraryImport(Lib)]
    public static partial int XQueryPointer(
        IntPtr display, nuint window, out nuint root, out nuint child,
        out int rootX, out int rootY, out int windowX, out int windowY, out uint mask);
}
