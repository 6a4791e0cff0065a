using System.Runtime.InteropServices;

namespace LeBureau.DesktopAgent.X11;

/// <summary>MIT-SHM's XShmSegmentInfo.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct XShmSegmentInfo
{
    public nuint ShmSeg;
    public int ShmId;
    public IntPtr ShmAddr;
    public int ReadOnly;
}
