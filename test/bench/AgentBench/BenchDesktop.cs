using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using LeBureau.DesktopAgent.Hosting;
using Microsoft.AspNetCore.Builder;

namespace LeBureau.AgentBench;

/// <summary>One Xvfb 1280×800 with busy content (xterms full of text, a photo-like image) and the agent serving it.</summary>
public sealed class BenchDesktop : IAsyncDisposable
{
    private const string Token = "bench-token";
    private readonly List<Process> _processes = [];
    private WebApplication? _agent;

    private BenchDesktop(string display)
    {
        Display = display;
    }

    public string Display { get; }

    public HttpClient Client { get; private set; } = null!;

    public string Scratch { get; } = Directory.CreateTempSubdirectory("agent-bench-").FullName;

    /// <summary>Starts the desktop; <paramref name="agentArguments"/> are added to the agent's command line (e.g. chat settings).</summary>
    public static async Task<BenchDesktop> StartAsync(params string[] agentArguments)
    {
        var display = FreeDisplay();
        var desktop = new BenchDesktop(display);
        desktop.Start("Xvfb", display, "-screen", "0", "1280x800x24", "-nolisten", "tcp");
        await WaitAsync(() => Run("xdpyinfo", display) == 0, "Xvfb");
        await desktop.PaintBusyScreenAsync();

        var port = FreePort();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = ["--urls", $"http://127.0.0.1:{port}", $"--Agent:Display={display}", $"--Agent:Token={Token}", "--Logging:LogLevel:Default=Warning", .. agentArguments],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.AddDesktopAgent();
        desktop._agent = builder.Build();
        desktop._agent.MapDesktopAgent();
        await desktop._agent.StartAsync();
        desktop.Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        desktop.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return desktop;
    }

    public int RunTool(string file, params string[] arguments) => Run(file, Display, arguments);

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (_agent is not null)
        {
            await _agent.StopAsync();
            await _agent.DisposeAsync();
        }

        foreach (var process in Enumerable.Reverse(_processes))
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(TimeSpan.FromSeconds(5));
            }

            process.Dispose();
        }

        Directory.Delete(Scratch, recursive: true);
    }

    private async Task PaintBusyScreenAsync()
    {
        var image = Path.Combine(Scratch, "photo.png");
        if (Run("convert", Display, "-size", "560x380", "plasma:fractal", "-blur", "0x1", image) != 0)
        {
            throw new InvalidOperationException("imagemagick's convert is needed: apt-get install imagemagick");
        }

        string[] texts = ["ls -laR /usr/share/doc | head -400", "cat /etc/services", "dmesg 2>/dev/null || ps auxww", "seq 1 5000 | paste - - - - - - - -"];
        var geometries = new[] { "100x28+0+0", "90x28+620+0", "100x26+0+420", "70x20+720+420" };
        for (var i = 0; i < texts.Length; i++)
        {
            Start("xterm", "-display", Display, "-geometry", geometries[i], "-fa", "Monospace", "-fs", "9", "-bg", i % 2 == 0 ? "black" : "white", "-fg", i % 2 == 0 ? "green" : "black",
                "-e", "sh", "-c", $"{texts[i]}; exec sleep 3600");
        }

        Start("display", "-display", Display, "-geometry", "+700+250", image);
        await WaitAsync(() => Run("sh", Display, "-c", "[ $(xdotool search --onlyvisible --class 'xterm|display' | wc -l) -ge 5 ]") == 0, "xterms and the image");

        // Windows are mapped; give the terminals a moment to finish drawing their text (not a test, a setup).
        await Task.Delay(TimeSpan.FromSeconds(2));
    }

    private void Start(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DISPLAY"] = Display;
        var process = Process.Start(start)!;
        _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        _ = process.StandardError.BaseStream.CopyToAsync(Stream.Null);
        _processes.Add(process);
    }

    private static int Run(string file, string display, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DISPLAY"] = display;
        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode;
    }

    private static async Task WaitAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what} did not come up");
            }

            await Task.Delay(50);
        }
    }

    private static string FreeDisplay()
    {
        for (var number = 600; ; number++)
        {
            if (!File.Exists($"/tmp/.X{number}-lock") && !File.Exists($"/tmp/.X11-unix/X{number}"))
            {
                return $":{number}";
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
