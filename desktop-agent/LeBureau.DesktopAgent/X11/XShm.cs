using System.Runtime.InteropServices;

namespace LeBureau.DesktopAgent.X11;

/// <summary>The MIT-SHM extension and the System V shared memory calls it needs.</summary>
internal static unsafe partial class XShm
{
    private const string Lib = "libXext.so.6";
    private const string LibC = "libc";

    public const int IpcPrivate = 0;
    public const int IpcCreat = 0x200;
    public const int IpcRmid = 0;

    [LibraryImport(Lib)]
    public static partial int XShmQueryExtension(IntPtr display);

    [LibraryImport(Lib)]
    public static partial XImage* XShmCreateImage(IntPtr display, IntPtr visual, uint depth, int format, IntPtr data, XShmSegmentInfo* info, uint width, uint height);

    [LibraryImport(Lib)]
    public static partial int XShmAttach(IntPtr display, XShmSegmentInfo* info);

    [LibraryImport(Lib)]
    public static partial int XShmDetach(IntPtr display, XShmSegmentInfo* info);

    [LibraryImport(Lib)]
    public static partial int XShmGetImage(IntPtr display, nuint drawable, XImage* image, int x, int y, nuint planeMask);

    [LibraryImport(LibC, SetLastError = true)]
    public static partial int shmget(int key, nuint size, int flags);

    [LibraryImport(LibC, SetLastError = true)]
    public static partial IntPtr shmat(int id, IntPtr address, int flags);

    [LibraryImport(LibC)]
    public static partial int shmdt(IntPtr address);

    [LibraryImport(LibC)]
    public static partial int shmctl(int id, int command, IntPtr buffer);
}
