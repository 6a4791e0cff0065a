using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace LeBureau.DesktopAgent.X11;

/// <summary>
/// Owns the agent's single X connection on one dedicated thread, fed through a channel: Xlib is not
/// thread-safe, and one ordered queue also keeps input from concurrent requests from interleaving.
/// The connection opens lazily and reopens after the X server went away.
/// </summary>
internal sealed class XDisplay : IDisposable
{
    private static readonly TimeSpan RestoreKeycodesAfterIdle = TimeSpan.FromMilliseconds(250);

    private readonly Channel<WorkItem> _queue = Channel.CreateUnbounded<WorkItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly string _displayName;
    private readonly ILogger<XDisplay> _logger;
    private readonly Thread _thread;
    private XSession? _session;
    private XKeyboard? _keyboard;

    public XDisplay(IOptions<AgentOptions> options, ILogger<XDisplay> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _displayName = options.Value.Display;
        _logger = logger;
        _thread = new Thread(Run) { IsBackground = true, Name = "x11" };
        _thread.Start();
    }

    public string DisplayName => _displayName;

    /// <summary>Runs <paramref name="action"/> on the X thread with the open session and its keyboard.</summary>
    public Task<T> InvokeAsync<T>(Func<XSession, XKeyboard, T> action, CancellationToken cancellationToken)
    {
        var item = new WorkItem<T>(action, cancellationToken);
        if (!_queue.Writer.TryWrite(item))
        {
            throw new ObjectDisposedException(nameof(XDisplay));
        }

        return item.Task;
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _thread.Join(TimeSpan.FromSeconds(5));
    }

    private void Run()
    {
        Task<bool>? waiting = null;
        while (true)
        {
            waiting ??= _queue.Reader.WaitToReadAsync().AsTask();
            var idle = _keyboard?.HasRemappedKeycodes == true ? RestoreKeycodesAfterIdle : Timeout.InfiniteTimeSpan;
            if (!waiting.Wait(idle))
            {
                _keyboard?.RestoreRemappedKeycodes();
                DropSessionIfLost();
                continue;
            }

            if (!waiting.Result)
            {
                break;
            }

            waiting = null;
            while (_queue.Reader.TryRead(out var item))
            {
                Execute(item);
            }
        }

        _keyboard?.RestoreRemappedKeycodes();
        _session?.Dispose();
    }

    private void Execute(WorkItem item)
    {
        if (item.IsCancelled)
        {
            return;
        }

        if (_session is null)
        {
            _session = XSession.TryOpen(_displayName);
            if (_session is null)
            {
                item.Fail(new XUnavailableException($"the X display {_displayName} is not available"));
                return;
            }

            _keyboard = new XKeyboard(_session);
            AgentLog.DisplayOpened(_logger, _displayName, _session.Size.Width, _session.Size.Height, _session.UsesSharedMemory);
        }

        item.Execute(_session, _keyboard!);
        DropSessionIfLost();
    }

    private void DropSessionIfLost()
    {
        if (_session is not null && XSession.ConnectionLost)
        {
            AgentLog.DisplayLost(_logger, _displayName);
            _session.Dispose();
            _session = null;
            _keyboard = null;
        }
    }

    private abstract class WorkItem
    {
        public abstract bool IsCancelled { get; }

        public abstract void Execute(XSession session, XKeyboard keyboard);

        public abstract void Fail(Exception exception);
    }

    private sealed class WorkItem<T>(Func<XSession, XKeyboard, T> action, CancellationToken cancellationToken) : WorkItem
    {
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<T> Task => _completion.Task;

        public override bool IsCancelled => cancellationToken.IsCancellationRequested && _completion.TrySetCanceled(cancellationToken);

        public override void Execute(XSession session, XKeyboard keyboard)
        {
            try
            {
                var result = action(session, keyboard);
                if (XSession.ConnectionLost)
                {
                    _completion.TrySetException(new XUnavailableException("the connection to the X display was lost"));
                    return;
                }

                _completion.TrySetResult(result);
            }
            catch (Exception exception)
            {
                _completion.TrySetException(exception);
            }
        }

        public override void Fail(Exception exception) => _completion.TrySetException(exception);
    }
}
