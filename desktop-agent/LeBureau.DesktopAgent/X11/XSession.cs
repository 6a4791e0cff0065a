using System.Runtime.InteropServices;
using LeBureau.DesktopAgent.Input;
using LeBureau.DesktopAgent.Screen;

namespace LeBureau.DesktopAgent.X11;

/// <summary>
/// One open X connection. Used only on the <see cref="XDisplay"/> worker thread, because Xlib is not
/// thread-safe; every method moves one request to the server and takes no decision.
/// </summary>
internal sealed unsafe class XSession : IDisposable
{
    private static int s_lastErrorCode;
    private static volatile bool s_ioFailed;

    private readonly IntPtr _display;
    private readonly int _screen;
    private readonly nuint _root;
    private readonly XScreenCapture _capture;

    static XSession()
    {
        Xlib.XSetErrorHandler(&OnError);
        Xlib.XSetIOErrorHandler(&OnIOError);
    }

    private XSession(IntPtr display)
    {
        _display = display;
        _screen = Xlib.XDefaultScreen(display);
        _root = Xlib.XRootWindow(display, _screen);
        Size = new ScreenSize(Xlib.XDisplayWidth(display, _screen), Xlib.XDisplayHeight(display, _screen));
        _capture = new XScreenCapture(display, _screen, _root, Size);
        Xlib.XDisplayKeycodes(display, out var min, out var max);
        MinKeycode = min;
        MaxKeycode = max;
    }

    public ScreenSize Size { get; }

    public int MinKeycode { get; }

    public int MaxKeycode { get; }

    public bool UsesSharedMemory => _capture.UsesSharedMemory;

    /// <summary>True once the connection to the X server broke; the session must then be dropped.</summary>
    public static bool ConnectionLost => s_ioFailed;

    public static XSession? TryOpen(string displayName)
    {
        s_ioFailed = false;
        var display = Xlib.XOpenDisplay(displayName);
        if (display == IntPtr.Zero)
        {
            return null;
        }

        // Without this Xlib calls exit() after an I/O error; the agent must survive an X restart.
        Xlib.XSetIOErrorExitHandler(display, &OnIOErrorExit, IntPtr.Zero);
        return new XSession(display);
    }

    public void MovePointer(int x, int y) => XTest.XTestFakeMotionEvent(_display, _screen, x, y, 0);

    public void Button(uint button, bool down) => XTest.XTestFakeButtonEvent(_display, button, down ? 1 : 0, 0);

    public void Key(int keycode, bool down) => XTest.XTestFakeKeyEvent(_display, (uint)keycode, down ? 1 : 0, 0);

    public void Sync() => Xlib.XSync(_display, 0);

    public (int X, int Y) QueryPointer()
    {
        Xlib.XQueryPointer(_display, _root, out _, out _, out var x, out var y, out _, out _, out _);
        return (x, y);
    }

    public KeyboardLayout ReadKeyboardLayout()
    {
        var count = MaxKeycode - MinKeycode + 1;
        var keysyms = Xlib.XGetKeyboardMapping(_display, (byte)MinKeycode, count, out var perKeycode);
        try
        {
            var table = new uint[count * perKeycode];
            for (var i = 0; i < table.Length; i++)
            {
                table[i] = (uint)keysyms[i];
            }

            return new KeyboardLayout(MinKeycode, perKeycode, table);
        }
        finally
        {
            Xlib.XFree(keysyms);
        }
    }

    /// <summary>Maps <paramref name="keycode"/> to <paramref name="keysym"/> on both levels (NoSymbol clears it).</summary>
    public void SetKeycodeMapping(int keycode, uint keysym)
    {
        var pair = stackalloc nuint[2] { keysym, keysym };
        Xlib.XChangeKeyboardMapping(_display, keycode, 2, pair, 1);
    }

    public static uint ResolveKeysymName(string name) => (uint)Xlib.XStringToKeysym(name);

    /// <summary>Copies a screen region as 32-bit BGRX rows into <paramref name="destination"/>.</summary>
    public void CopyScreen(CaptureRegion region, IntPtr destination, int destinationStride) =>
        _capture.CopyTo(region, destination, destinationStride);

    public void Dispose()
    {
        _capture.Dispose();
        if (!s_ioFailed)
        {
            Xlib.XCloseDisplay(_display);
        }
    }

    /// <summary>Returns the X error code recorded since the last call (0 when none) and clears it.</summary>
    public static int TakeLastError() => Interlocked.Exchange(ref s_lastErrorCode, 0);

    [UnmanagedCallersOnly]
    private static int OnError(IntPtr display, XErrorEvent* error)
    {
        s_lastErrorCode = error->ErrorCode;
        return 0;
    }

    [UnmanagedCallersOnly]
    private static int OnIOError(IntPtr display)
    {
        s_ioFailed = true;
        return 0;
    }

    [UnmanagedCallersOnly]
    private static void OnIOErrorExit(IntPtr display, IntPtr userData) => s_ioFailed = true;
}
