using System.Collections.Concurrent;

namespace LeBureau.DesktopAgent.Tests.Infrastructure;

/// <summary>
/// A plain X window of one solid colour, owned by the test through its own X connection and thread,
/// that records the pointer and keyboard events it receives. Doubles as a paint brush for screenshot tests.
/// </summary>
public sealed class TestWindow : IDisposable
{
    private readonly ConcurrentQueue<ReceivedEvent> _events = new();
    private readonly TaskCompletionSource _mapped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Thread _thread;
    private volatile bool _stop;

    private TestWindow(string display, int x, int y, int width, int height, uint rgb, bool focus)
    {
        _thread = new Thread(() => Run(display, x, y, width, height, rgb, focus)) { IsBackground = true };
        _thread.Start();
    }

    public IReadOnlyList<ReceivedEvent> Events => _events.ToArray();

    public static async Task<TestWindow> OpenAsync(string display, int x, int y, int width, int height, uint rgb, bool focus = false)
    {
        var window = new TestWindow(display, x, y, width, height, rgb, focus);
        await window._mapped.Task.WaitAsync(TimeSpan.FromSeconds(10));
        return window;
    }

    public void Clear() => _events.Clear();

    public void Dispose()
    {
        _stop = true;
        _thread.Join(TimeSpan.FromSeconds(5));
    }

    private unsafe void Run(string displayName, int x, int y, int width, int height, uint rgb, bool focus)
    {
        var display = TestXlib.XOpenDisplay(displayName);
        if (display == IntPtr.Zero)
        {
            _mapped.SetException(new InvalidOperationException($"cannot open {displayName}"));
            return;
        }

        var root = TestXlib.XDefaultRootWindow(display);
        var window = TestXlib.XCreateSimpleWindow(display, root, x, y, (uint)width, (uint)height, 0, 0, rgb);
        TestXlib.XSelectInput(display, window, TestXlib.EventMask);
        TestXlib.XMapRaised(display, window);
        TestXlib.XSync(display, 0);
        var buffer = stackalloc byte[256];
        var text = stackalloc byte[64];
        while (!_stop)
        {
            if (TestXlib.XPending(display) == 0)
            {
                Thread.Sleep(2);
                continue;
            }

            TestXlib.XNextEvent(display, buffer);
            var type = *(int*)buffer;
            if (type == TestXlib.MapNotify)
            {
                if (focus)
                {
                    TestXlib.XSetInputFocus(display, window, 1, 0);
                }

                TestXlib.XSync(display, 0);
                _mapped.TrySetResult();
                continue;
            }

            nuint keysym = 0;
            if (type is TestXlib.KeyPress or TestXlib.KeyRelease)
            {
                TestXlib.XLookupString(buffer, text, 64, out keysym, IntPtr.Zero);
            }

            if (type is >= TestXlib.KeyPress and <= TestXlib.MotionNotify)
            {
                _events.Enqueue(new ReceivedEvent(type, *(uint*)(buffer + 84), *(uint*)(buffer + 80), *(int*)(buffer + 64), *(int*)(buffer + 68), (uint)keysym));
            }
        }

        TestXlib.XDestroyWindow(display, window);
        TestXlib.XSync(display, 0);
        TestXlib.XCloseDisplay(display);
    }
}
