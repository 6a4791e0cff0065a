using System.Net.Sockets;
using System.Text;

namespace LeBureau.ControlPlane;

/// <summary>A real redis-server on a loopback port, in its own process group, stopped on dispose. Can be stopped and restarted on the same port (fault tests).</summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly string _directory;
    private readonly bool _ownsDirectory;
    private readonly ProcessWatchdog _watchdog;
    private ManagedProcess? _process;

    private RedisServer(string directory, bool ownsDirectory, int port)
    {
        _directory = directory;
        _ownsDirectory = ownsDirectory;
        Port = port;
        _watchdog = new ProcessWatchdog(Path.Combine(directory, "watchdog"));
    }

    /// <summary>The port redis listens on (127.0.0.1).</summary>
    public int Port { get; }

    /// <summary>A StackExchange.Redis configuration string for this server.</summary>
    public string ConnectionString => $"127.0.0.1:{Port},abortConnect=false";

    /// <summary>Starts redis-server and waits until it answers PING.</summary>
    /// <param name="directory">Where it keeps its files (append-only persistence when given); a temp folder when null.</param>
    /// <param name="port">0 for a free port.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public static async Task<RedisServer> StartAsync(string? directory = null, int port = 0, CancellationToken cancellationToken = default)
    {
        var owns = directory is null;
        var dir = directory ?? Directory.CreateTempSubdirectory("lebureau-redis-").FullName;
        Directory.CreateDirectory(dir);
        var server = new RedisServer(dir, owns, port != 0 ? port : FreePort.Next());
        try
        {
            await server.StartAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>(Re)starts the server on the same port.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        var binary = File.Exists("/usr/bin/redis-server") ? "/usr/bin/redis-server" : "redis-server";
        _process = ManagedProcess.Start("redis-server", binary,
        [
            "--port", Port.ToString(), "--bind", "127.0.0.1", "--dir", _directory, "--save", "",
            "--appendonly", _ownsDirectory ? "no" : "yes", "--protected-mode", "no", "--daemonize", "no",
        ], Path.Combine(_directory, "redis.log"), _watchdog);
        var up = await WaitFor.ConditionAsync(PingAsync, TimeSpan.FromSeconds(20), cancellationToken: cancellationToken);
        if (!up)
        {
            throw new InvalidOperationException($"redis did not come up: {_process.Describe()}");
        }
    }

    /// <summary>Freezes the server (SIGSTOP, for fault tests): connections stay open and every command times out.</summary>
    public void Pause() => Signal("STOP");

    /// <summary>Lets a paused server go on (SIGCONT).</summary>
    public void Resume() => Signal("CONT");

    private void Signal(string signal)
    {
        var process = _process ?? throw new InvalidOperationException("redis is not running");
        using var kill = System.Diagnostics.Process.Start("kill", [$"-{signal}", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
    }

    /// <summary>Stops the server (for fault tests); <see cref="StartAsync(CancellationToken)"/> brings it back.</summary>
    public void Stop()
    {
        _process?.Dispose();
        _process = null;
    }

    private async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        if (_process is { HasExited: true }) throw new InvalidOperationException(_process.Describe());
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", Port, cancellationToken);
        var stream = tcp.GetStream();
        await stream.WriteAsync("PING\r\n"u8.ToArray(), cancellationToken);
        var buffer = new byte[16];
        var n = await stream.ReadAsync(buffer, cancellationToken);
        return Encoding.ASCII.GetString(buffer, 0, n).StartsWith("+PONG", StringComparison.Ordinal);
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        _watchdog.Dispose();
        if (_ownsDirectory)
        {
            try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
        }
        return ValueTask.CompletedTask;
    }
}
