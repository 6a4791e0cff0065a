using System.Diagnostics;
using System.Globalization;

namespace LeBureau.Operator.Local;

/// <summary>
/// Starts a desktop as one process group on this host: Xvfb on its own display, openbox when installed, and the
/// desktop agent bound to the desktop's own loopback address. The group leader's command line carries the marker
/// <c>lebureau-desktop-{id}</c> and its pid is written to <c>{state}/{id}/pid</c>, so a later operator can find and
/// kill a group it did not start. When <see cref="AgentBinary"/> is empty only Xvfb runs (a cheap stand-in).
/// </summary>
public sealed class LocalDesktopLauncher(string stateDirectory, string agentBinary)
{
    /// <summary>Where per-desktop folders live.</summary>
    public string StateDirectory { get; } = stateDirectory;

    /// <summary>The agent executable (a .dll runs through dotnet); empty for no agent.</summary>
    public string AgentBinary { get; } = agentBinary;

    /// <summary>The marker in the leader's command line.</summary>
    public static string Marker(string id) => $"lebureau-desktop-{id}";

    /// <summary>Launches <paramref name="request"/>.</summary>
    public LaunchedDesktop Launch(LaunchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var directory = Path.Combine(StateDirectory, request.Id);
        Directory.CreateDirectory(directory);
        var tokenFile = Path.Combine(directory, "token");
        File.WriteAllText(tokenFile, request.Token);
        File.SetUnixFileMode(tokenFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var display = request.Display.ToString(CultureInfo.InvariantCulture);
        var agent = AgentBinary.Length == 0
            ? "wait"
            : $"exec {(AgentBinary.EndsWith(".dll", StringComparison.Ordinal) ? "dotnet " : "")}{Quote(AgentBinary)} " +
              $"--urls http://{request.IpAddress}:{request.AgentPort} --Agent:Display=:{display} --Agent:TokenFile={Quote(tokenFile)}";
        var script = $"""
            exec >>{Quote(Path.Combine(directory, "desktop.log"))} 2>&1
            Xvfb :{display} -screen 0 {request.Width}x{request.Height}x24 -nolisten tcp -noreset &
            for i in $(seq 200); do [ -e /tmp/.X11-unix/X{display} ] && break; sleep 0.025; done
            if command -v openbox >/dev/null; then DISPLAY=:{display} openbox & fi
            {agent}
            """;
        var info = new ProcessStartInfo("setsid") { UseShellExecute = false, RedirectStandardInput = true };
        foreach (var a in new[] { "bash", "-c", script, Marker(request.Id) }) info.ArgumentList.Add(a);
        info.Environment["DOTNET_gcServer"] = "0";
        var leader = Process.Start(info) ?? throw new InvalidOperationException("could not start setsid");
        leader.StandardInput.Close();
        File.WriteAllText(Path.Combine(directory, "pid"), leader.Id.ToString(CultureInfo.InvariantCulture));
        return new LaunchedDesktop(request, leader, directory);
    }

    /// <summary>Kills every group a previous run left behind (found by pid file and verified by marker) and removes the folders.</summary>
    public async Task<int> ReapAsync(CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(StateDirectory)) return 0;
        var reaped = 0;
        foreach (var directory in Directory.GetDirectories(StateDirectory))
        {
            var id = Path.GetFileName(directory);
            var pidFile = Path.Combine(directory, "pid");
            if (File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile), out var pid) && ProcessGroup.CommandLineContains(pid, Marker(id)))
            {
                await ProcessGroup.StopAsync(pid, TimeSpan.FromSeconds(2), cancellationToken);
                reaped++;
            }
            Directory.Delete(directory, recursive: true);
        }
        return reaped;
    }

    private static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
