using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace LeBureau.DesktopAgent.Vnc;

/// <summary>
/// Starts x11vnc on demand, listening on localhost only, one interactive and one view-only instance
/// (x11vnc's own -viewonly drops all client input), and stops them with the agent.
/// </summary>
internal sealed class VncServers(IOptions<AgentOptions> options, ILogger<VncServers> logger) : IDisposable
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(15);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<bool, Process> _servers = [];

    /// <summary>The localhost port of a running x11vnc of the wanted kind, or null when it could not start.</summary>
    public async Task<int?> EnsureAsync(bool viewOnly, CancellationToken cancellationToken)
    {
        var agent = options.Value;
        var port = viewOnly ? agent.EffectiveVncViewOnlyPort : agent.EffectiveVncPort;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_servers.TryGetValue(viewOnly, out var running) && !running.HasExited)
            {
                return port;
            }

            var process = Process.Start(StartInfo(agent, port, viewOnly))
                ?? throw new InvalidOperationException("x11vnc could not be started");
            _servers[viewOnly] = process;
            if (await WaitUntilListeningAsync(process, port, cancellationToken))
            {
                AgentLog.VncStarted(logger, port, agent.Display, viewOnly, process.Id);
                return port;
            }

            AgentLog.VncStartFailed(logger, agent.Display, port);
            Stop(process);
            _servers.Remove(viewOnly);
            return null;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        foreach (var process in _servers.Values)
        {
            Stop(process);
        }

        _servers.Clear();
        _gate.Dispose();
    }

    private static ProcessStartInfo StartInfo(AgentOptions agent, int port, bool viewOnly)
    {
        var start = new ProcessStartInfo(agent.X11VncPath)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "-display", agent.Display, "-rfbport", port.ToString(CultureInfo.InvariantCulture), "-localhost", "-forever", "-shared", "-nopw", "-quiet" })
        {
            start.ArgumentList.Add(argument);
        }

        if (viewOnly)
        {
            start.ArgumentList.Add("-viewonly");
        }

        return start;
    }

    private static async Task<bool> WaitUntilListeningAsync(Process process, int port, CancellationToken cancellationToken)
    {
        // x11vnc logs a lot; its pipes must be drained or it blocks.
        _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, CancellationToken.None);
        _ = process.StandardError.BaseStream.CopyToAsync(Stream.Null, CancellationToken.None);
        var deadline = DateTime.UtcNow + StartDeadline;
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            using var probe = new TcpClient();
            try
            {
                await probe.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                return true;
            }
            catch (SocketException)
            {
                await Task.Delay(50, cancellationToken);
            }
        }

        return false;
    }

    private static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(5));
        }

        process.Dispose();
    }
}
