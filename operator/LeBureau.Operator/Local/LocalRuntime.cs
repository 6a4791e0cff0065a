using LeBureau.Operator.Desktops;
using LeBureau.Operator.Machines;
using LeBureau.Resources;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeBureau.Operator.Local;

/// <summary>
/// The local runtime: each running desktop is a process group on this host (see <see cref="LocalDesktopLauncher"/>)
/// with its own loopback address 127.{block}.N.M and X display. At start it kills whatever an earlier operator left
/// (crash included) and desktops are started afresh; at shutdown it stops every group. No orphans either way. A desktop's
/// home ({state}/data/{uid}: its files, chat history and memory) outlives its groups, stop and start and operator restarts
/// included, until it is destroyed. A group that ends on its own is not relaunched: the desktop is in Error with the
/// reason until a restart or a start.
/// </summary>
public sealed partial class LocalRuntime : IDesktopRuntime, IHostedService
{
    private const int FirstDisplay = 420;
    private readonly LocalDesktopLauncher _launcher;
    private readonly OperatorOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, LaunchedDesktop> _running = [];
    private readonly Dictionary<string, string> _failed = [];
    private bool _closed;

    public LocalRuntime(IOptions<OperatorOptions> options, ILogger<LocalRuntime> logger)
    {
        _options = options.Value;
        _logger = logger;
        // One folder per operator configuration; the uid keys desktops inside it.
        _launcher = new LocalDesktopLauncher(Path.Combine(_options.StateDirectory, "desktops"), Path.Combine(_options.StateDirectory, "data"), _options.AgentBinary);
    }

    /// <summary>The process group ids of the running desktops (for tests and diagnostics).</summary>
    public IReadOnlyList<int> GroupIds
    {
        get
        {
            _gate.Wait();
            try { return [.. _running.Values.Select(d => d.GroupId)]; }
            finally { _gate.Release(); }
        }
    }

    /// <summary>The process group id of desktop <paramref name="uid"/> while it runs (for tests and diagnostics).</summary>
    public int? GroupOf(string uid)
    {
        _gate.Wait();
        try { return _running.TryGetValue(uid, out var desktop) ? desktop.GroupId : null; }
        finally { _gate.Release(); }
    }

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var reaped = await _launcher.ReapAsync(cancellationToken);
        if (reaped > 0) Log.Reaped(_logger, reaped);
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(CancellationToken.None);
        try
        {
            // Controllers may still reconcile while the host stops: nothing may be launched after this point.
            _closed = true;
            await Task.WhenAll(_running.Values.Select(d => d.StopAsync(CancellationToken.None)));
            foreach (var d in _running.Values) TryDelete(d.Directory);
            _running.Clear();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<MachineObservation> EnsureAsync(MachineRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var desktop = request.Desktop;
        var id = desktop.Metadata.Uid;
        var name = $"local/{desktop.Metadata.Name}";
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _running.TryGetValue(id, out var current);
            if (!desktop.Spec.Running)
            {
                _failed.Remove(id);
                if (current is not null) await StopLockedAsync(id, current, cancellationToken);
                return new MachineObservation(MachineState.Stopped, name);
            }
            if (current?.ExitReason is { } exited)
            {
                // What is left of the group (Xvfb, openbox) goes now; the desktop is not relaunched behind the user's back
                // (the runtime contract) but shows Error with the reason until a restart, a start or a stop clears it.
                Log.Exited(_logger, desktop.Metadata.NamespaceProperty, desktop.Metadata.Name, exited);
                await StopLockedAsync(id, current, cancellationToken);
                _failed[id] = exited;
                current = null;
            }
            if (_failed.TryGetValue(id, out var failure)) return new MachineObservation(MachineState.Failed, name, null, failure);
            if (current is null && _closed) return new MachineObservation(MachineState.Stopping, name, null, "the operator is shutting down");
            if (current is null)
            {
                var slot = FreeSlot();
                if (slot < 0) return new MachineObservation(MachineState.Failed, name, null, "no free X display or loopback address on this host");
                var resolution = desktop.Spec.Resolution ?? new Desktop.ResolutionSpec();
                current = _launcher.Launch(new LaunchRequest(id, Address(slot), FirstDisplay + slot, _options.AgentPort, request.AgentToken,
                    resolution.Width, resolution.Height, request.Chat));
                _running[id] = current;
                Log.Launched(_logger, desktop.Metadata.NamespaceProperty, desktop.Metadata.Name, current.Request.IpAddress, current.Request.Display, current.GroupId);
            }
            return new MachineObservation(MachineState.Running, name, current.Request.IpAddress);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task RestartAsync(Desktop desktop, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(desktop);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _failed.Remove(desktop.Metadata.Uid);
            if (_running.TryGetValue(desktop.Metadata.Uid, out var current)) await StopLockedAsync(desktop.Metadata.Uid, current, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<bool> DestroyAsync(Desktop desktop, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(desktop);
        await RestartAsync(desktop, cancellationToken);
        _launcher.DeleteData(desktop.Metadata.Uid);
        return true;
    }

    private async Task StopLockedAsync(string id, LaunchedDesktop desktop, CancellationToken cancellationToken)
    {
        await desktop.StopAsync(cancellationToken);
        _running.Remove(id);
        TryDelete(desktop.Directory);
    }

    private int FreeSlot()
    {
        var used = _running.Values.Select(d => d.Request.Display - FirstDisplay).ToHashSet();
        for (var slot = 0; slot < 2000; slot++)
        {
            if (!used.Contains(slot) && !File.Exists($"/tmp/.X{FirstDisplay + slot}-lock")) return slot;
        }
        return -1;
    }

    private string Address(int slot) => $"127.{_options.LocalAddressBlock}.{slot / 250}.{slot % 250 + 2}";

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Already gone.
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "local desktop {Namespace}/{Name} launched on {Address} display :{Display} (group {Group})")]
        public static partial void Launched(ILogger logger, string @namespace, string name, string address, int display, int group);

        [LoggerMessage(Level = LogLevel.Warning, Message = "local desktop {Namespace}/{Name} ended: {Reason}; it stays in Error until restarted")]
        public static partial void Exited(ILogger logger, string @namespace, string name, string reason);

        [LoggerMessage(Level = LogLevel.Information, Message = "killed {Count} desktop process groups left by an earlier run")]
        public static partial void Reaped(ILogger logger, int count);
    }
}
