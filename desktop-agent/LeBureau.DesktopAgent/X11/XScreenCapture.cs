using LeBureau.DesktopAgent.Screen;

namespace LeBureau.DesktopAgent.X11;

/// <summary>
/// Reads the root window's pixels: through a MIT-SHM segment shared with the X server when the
/// extension works (one copy, no socket transfer), else through XGetImage.
/// </summary>
internal sealed unsafe class XScreenCapture : IDisposable
{
    private readonly IntPtr _display;
    private readonly nuint _root;
    private readonly ScreenSize _size;
    private readonly XImage* _shmImage;
    private XShmSegmentInfo* _segment;

    public XScreenCapture(IntPtr display, int screen, nuint root, ScreenSize size)
    {
        _display = display;
        _root = root;
        _size = size;
        _shmImage = TryCreateSharedImage(display, screen, size, out _segment);
    }

    public bool UsesSharedMemory => _shmImage != null;

    public void CopyTo(CaptureRegion region, IntPtr destination, int destinationStride)
    {
        if (_shmImage != null)
        {
            XShm.XShmGetImage(_display, _root, _shmImage, 0, 0, Xlib.AllPlanes);
            CopyRows(_shmImage, region.X, region.Y, region, destination, destinationStride);
            return;
        }

        var image = Xlib.XGetImage(_display, _root, region.X, region.Y, (uint)region.Width, (uint)region.Height, Xlib.AllPlanes, Xlib.ZPixmap);
        if (image == null)
        {
            throw new InvalidOperationException($"XGetImage failed (X error {XSession.TakeLastError()})");
        }

        try
        {
            CopyRows(image, 0, 0, region, destination, destinationStride);
        }
        finally
        {
            Xlib.XDestroyImage(image);
        }
    }

    public void Dispose()
    {
        if (_shmImage == null)
        {
            return;
        }

        XShm.XShmDetach(_display, _segment);
        XShm.shmdt(_segment->ShmAddr);
        _shmImage->Data = IntPtr.Zero;
        Xlib.XDestroyImage(_shmImage);
        NativeMemoryFree();
    }

    private static void CopyRows(XImage* image, int left, int top, CaptureRegion region, IntPtr destination, int destinationStride)
    {
        if (image->BitsPerPixel != 32 || image->RedMask != 0xff0000 || image->BlueMask != 0xff || image->ByteOrder != 0)
        {
            throw new NotSupportedException(
                $"unsupported X visual: {image->BitsPerPixel} bits per pixel, red mask 0x{image->RedMask:x}; the agent needs a 24/32-bit TrueColor screen");
        }

        var rowBytes = region.Width * 4;
        for (var row = 0; row < region.Height; row++)
        {
            var source = (byte*)image->Data + ((long)(top + row) * image->BytesPerLine) + (left * 4);
            var target = (byte*)destination + ((long)row * destinationStride);
            Buffer.MemoryCopy(source, target, rowBytes, rowBytes);
        }
    }

    private static XImage* TryCreateSharedImage(IntPtr display, int screen, ScreenSize size, out XShmSegmentInfo* segment)
    {
        segment = null;
        if (XShm.XShmQueryExtension(display) == 0)
        {
            return null;
        }

        var info = (XShmSegmentInfo*)System.Runtime.InteropServices.NativeMemory.AllocZeroed((nuint)sizeof(XShmSegmentInfo));
        var depth = (uint)Xlib.XDefaultDepth(display, screen);
        var image = XShm.XShmCreateImage(display, Xlib.XDefaultVisual(display, screen), depth, Xlib.ZPixmap, IntPtr.Zero, info, (uint)size.Width, (uint)size.Height);
        if (image == null)
        {
            System.Runtime.InteropServices.NativeMemory.Free(info);
            return null;
        }

        info->ShmId = XShm.shmget(XShm.IpcPrivate, (nuint)((long)image->BytesPerLine * image->Height), XShm.IpcCreat | 0x180);
        info->ShmAddr = info->ShmId < 0 ? new IntPtr(-1) : XShm.shmat(info->ShmId, IntPtr.Zero, 0);
        if (info->ShmAddr == new IntPtr(-1))
        {
            if (info->ShmId >= 0)
            {
                XShm.shmctl(info->ShmId, XShm.IpcRmid, IntPtr.Zero);
            }

            Xlib.XDestroyImage(image);
            System.Runtime.InteropServices.NativeMemory.Free(info);
            return null;
        }

        image->Data = info->ShmAddr;
        XSession.TakeLastError();
        XShm.XShmAttach(display, info);
        Xlib.XSync(display, 0);

        // Marked for removal now: the segment disappears with its last user, even if the agent crashes.
        XShm.shmctl(info->ShmId, XShm.IpcRmid, IntPtr.Zero);
        if (XSession.TakeLastError() != 0)
        {
            // Typical when the X server runs in another IPC namespace (a different container).
            XShm.shmdt(info->ShmAddr);
            image->Data = IntPtr.Zero;
            Xlib.XDestroyImage(image);
            System.Runtime.InteropServices.NativeMemory.Free(info);
            return null;
        }

        segment = info;
        return image;
    }

    private void NativeMemoryFree()
    {
        System.Runtime.InteropServices.NativeMemory.Free(_segment);
        _segment = null;
    }
}
