using System.Diagnostics;
using LeBureau.ControlPlane;

namespace LeBureau.Testing;

/// <summary>
/// A real X server for tests and benches: Xvfb 1280×800×24 (or another size) on a free display number, without TCP, with <c>-noreset</c>
/// (so the screen survives its last client leaving, as on a desktop that runs a window manager). Disposing kills it.
/// </summary>
public sealed class XvfbDisplay : IDisposable
{
    private readonly Process _process;

    private XvfbDisplay(Process process, string name)
    {
        _process = process;
        Name = name;
    }

    /// <summary>The DISPLAY value, e.g. <c>:312</c>.</summary>
    public string Name { get; }

    /// <summary>Starts Xvfb (<paramref name="width"/>×<paramref name="height"/>) on the first free display number from <paramref name="firstNumber"/>, once its socket is there.</summary>
    public static async Task<XvfbDisplay> StartAsync(int firstNumber, int width = 1280, int height = 800)
    {
        for (var number = firstNumber; number < firstNumber + 200; number++)
        {
            var socket = $"/tmp/.X11-unix/X{number}";
            if (File.Exists($"/tmp/.X{number}-lock") || File.Exists(socket)) continue;
            var start = new ProcessStartInfo("Xvfb") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var argument in new[] { $":{number}", "-screen", "0", $"{width}x{height}x24", "-nolisten", "tcp", "-noreset" }) start.ArgumentList.Add(argument);
            var process = Process.Start(start) ?? throw new InvalidOperationException("Xvfb could not be started: apt-get install xvfb");
            _ = process.StandardError.BaseStream.CopyToAsync(Stream.Null);
            _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
            var up = await WaitFor.ConditionAsync(_ => Task.FromResult(process.HasExited || File.Exists(socket)), TimeSpan.FromSeconds(15));
            if (up && !process.HasExited) return new XvfbDisplay(process, $":{number}");
            process.Dispose(); // Another server took the number first: try the next.
        }
        throw new InvalidOperationException($"no free X display number from :{firstNumber} on");
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already reaped.
        }
        _process.Dispose();
    }
}
