using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using LeBureau.DesktopAgent.Hosting;
using Microsoft.AspNetCore.Builder;

namespace LeBureau.DesktopAgent.Tests.Infrastructure;

/// <summary>
/// One real Xvfb (1280×800×24 unless a subclass asks for another size) on a free display number and one desktop
/// agent, in-process, on a free loopback port. Started once for the "desktop" collection; everything it started
/// dies in Dispose.
/// </summary>
public class DesktopFixture : IAsyncLifetime
{
    public const string Token = "test-agent-token-7f3a";
    public const long MaxBodyBytes = 8 * 1024 * 1024;

    private readonly List<Process> _processes = [];
    private readonly string _screen;
    private WebApplication? _agent;

    public DesktopFixture()
        : this(1280, 800)
    {
    }

    protected DesktopFixture(int width, int height)
    {
        _screen = $"{width}x{height}x24";
    }

    public string Display { get; private set; } = string.Empty;

    public Uri BaseAddress { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    /// <summary>The agent's services, for tests that call them in-process.</summary>
    public IServiceProvider Services => _agent?.Services ?? throw new InvalidOperationException("the agent is not started");

    public string WorkDirectory { get; } = Directory.CreateTempSubdirectory("lebureau-agent-tests-").FullName;

    public async Task InitializeAsync()
    {
        Display = await StartXvfbAsync();
        var port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        _agent = await StartAgentAsync(
            [
                "--urls", BaseAddress.ToString().TrimEnd('/'),
                $"--Agent:Display={Display}",
                $"--Agent:Token={Token}",
                $"--Agent:VncPort={FreePort()}",
                $"--Agent:VncViewOnlyPort={FreePort()}",
                $"--Agent:MaxRequestBodyBytes={MaxBodyBytes}",
            ]);
        Client = CreateClient(Token);
        var ready = await Eventually.WaitAsync(
            async () => (await Client.GetAsync("/healthz")).IsSuccessStatusCode, TimeSpan.FromSeconds(20));
        if (!ready)
        {
            throw new InvalidOperationException($"the agent on {BaseAddress} never became ready");
        }
    }

    public HttpClient CreateClient(string? token)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>Starts a process the fixture kills in Dispose (xterm and friends).</summary>
    public Process StartProcess(string file, IEnumerable<string> arguments, IDictionary<string, string>? env = null)
    {
        var start = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DISPLAY"] = Display;
        foreach (var (name, value) in env ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {file}");
        _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        _ = process.StandardError.BaseStream.CopyToAsync(Stream.Null);
        lock (_processes)
        {
            _processes.Add(process);
        }

        return process;
    }

    /// <summary>Where the X server says the pointer is, asked through the test's own connection.</summary>
    public (int X, int Y) QueryPointer()
    {
        var display = TestXlib.XOpenDisplay(Display);
        try
        {
            TestXlib.XQueryPointer(display, TestXlib.XDefaultRootWindow(display), out _, out _, out var x, out var y, out _, out _, out _);
            return (x, y);
        }
        finally
        {
            TestXlib.XCloseDisplay(display);
        }
    }

    /// <summary>Gives the keyboard focus back to whatever window is under the pointer.</summary>
    public void FocusFollowsPointer()
    {
        var display = TestXlib.XOpenDisplay(Display);
        TestXlib.XSetInputFocus(display, 1, 1, 0);
        TestXlib.XSync(display, 0);
        TestXlib.XCloseDisplay(display);
    }

    public static async Task<WebApplication> StartAgentAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.AddDesktopAgent();
        var app = builder.Build();
        app.MapDesktopAgent();
        await app.StartAsync();
        return app;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A display number with no X server and no lock file, from 100 up.</summary>
    public static string FreeDisplay()
    {
        for (var number = 100 + Random.Shared.Next(0, 400); ; number++)
        {
            if (!File.Exists($"/tmp/.X{number}-lock") && !File.Exists($"/tmp/.X11-unix/X{number}"))
            {
                return $":{number}";
            }
        }
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_agent is not null)
        {
            await _agent.StopAsync();
            await _agent.DisposeAsync();
        }

        lock (_processes)
        {
            foreach (var process in Enumerable.Reverse(_processes))
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit(TimeSpan.FromSeconds(5));
                }

                process.Dispose();
            }
        }

        Directory.Delete(WorkDirectory, recursive: true);
    }

    private async Task<string> StartXvfbAsync()
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var display = FreeDisplay();
            var xvfb = StartProcess("Xvfb", [display, "-screen", "0", _screen, "-nolisten", "tcp", "-noreset"]);
            var up = await Eventually.WaitAsync(
                () =>
                {
                    if (xvfb.HasExited)
                    {
                        return true;
                    }

                    var connection = TestXlib.XOpenDisplay(display);
                    if (connection == IntPtr.Zero)
                    {
                        return false;
                    }

                    TestXlib.XCloseDisplay(connection);
                    return true;
                },
                TimeSpan.FromSeconds(15));
            if (up && !xvfb.HasExited)
            {
                return display;
            }
        }

        throw new InvalidOperationException("Xvfb did not start");
    }
}
