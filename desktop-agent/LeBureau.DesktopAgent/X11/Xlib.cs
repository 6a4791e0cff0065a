using System.Runtime.InteropServices;

namespace LeBureau.DesktopAgent.X11;

/// <summary>The libX11 entry points the agent uses. Declarations only: no decisions live here.</summary>
internal static unsafe partial class Xlib
{
    private const string Lib = "libX11.so.6";

    public const int ZPixmap = 2;
    public static readonly nuint AllPlanes = nuint.MaxValue;

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr XOpenDisplay(string? displayName);

    [LibraryImport(Lib)]
    public static partial int XCloseDisplay(IntPtr display);

    [LibraryImport(Lib)]
    public static partial int XDefaultScreen(IntPtr display);

    [LibraryImport(Lib)]
    public static partial nuint XRootWindow(IntPtr display, int screen);

    [LibraryImport(Lib)]
    public static partial int XDisplayWidth(IntPtr display, int screen);

    [LibraryImport(Lib)]
    public static partial int XDisplayHeight(IntPtr display, int screen);

    [LibraryImport(Lib)]
    public static partial IntPtr XDefaultVisual(IntPtr display, int screen);

    [LibraryImport(Lib)]
    public static partial int XDefaultDepth(IntPtr display, int screen);

    [LibraryImport(Lib)]
    public static partial int XSync(IntPtr display, int discard);

    [LibraryImport(Lib)]
    public static partial int XFlush(IntPtr display);

    [LibraryImport(Lib)]
    public static partial int XQueryPointer(
        IntPtr display, nuint window, out nuint root, out nuint child,
        out int rootX, out int rootY, out int windowX, out int windowY, out uint mask);

    [LibraryImport(Lib)]
    public static partial int XDisplayKeycodes(IntPtr display, out int minKeycode, out int maxKeycode);

    [LibraryImport(Lib)]
    public static partial nuint* XGetKeyboardMapping(IntPtr display, byte firstKeycode, int keycodeCount, out int keysymsPerKeycode);

    [LibraryImport(Lib)]
    public static partial int XChangeKeyboardMapping(IntPtr display, int firstKeycode, int keysymsPerKeycode, nuint* keysyms, int keycodeCount);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nuint XStringToKeysym(string name);

    [LibraryImport(Lib)]
    public static partial int XFree(void* data);

    [LibraryImport(Lib)]
    public static partial XImage* XGetImage(IntPtr display, nuint drawable, int x, int y, uint width, uint height, nuint planeMask, int format);

    [LibraryImport(Lib)]
    public static partial int XDestroyImage(XImage* image);

    [LibraryImport(Lib)]
    public static partial IntPtr XSetErrorHandler(delegate* unmanaged<IntPtr, XErrorEvent*, int> handler);

    [LibraryImport(Lib)]
    public static partial IntPtr XSetIOErrorHandler(delegate* unmanaged<IntPtr, int> handler);

    [LibraryImport(Lib)]
    public static partial void XSetIOErrorExitHandler(IntPtr display, delegate* unmanaged<IntPtr, IntPtr, void> handler, IntPtr userData);
}
