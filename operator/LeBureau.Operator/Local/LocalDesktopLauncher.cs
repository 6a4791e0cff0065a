using System.Diagnostics;
using System.Globalization;
using LeBureau.Operator.Machines;

namespace LeBureau.Operator.Local;

/// <summary>
/// Starts a desktop as one process group on this host: Xvfb on its own display, openbox when installed, and the
/// desktop agent bound to the desktop's own loopback address. The group leader's command line carries the marker
/// <c>lebureau-desktop-{id}</c> and its pid is written to <c>{state}/{id}/pid</c>, so a later operator can find and
/// kill a group it did not start. When <see cref="AgentBinary"/> is empty only Xvfb runs (a cheap stand-in).
/// The desktop's folder holds its secrets (token and keys, files of mode 0600) and goes with the group. The desktop's home
/// <c>{data}/{id}</c> is elsewhere and stays until <see cref="DeleteData"/>: the group runs with it as HOME and working
/// directory, so the user's files and the chat agent's history and memory (<c>~/.lebureau</c>) outlive stop and start —
/// the local counterpart of the data disk mounted at the home of a VM or a Pod.
/// </summary>
public sealed class LocalDesktopLauncher(string stateDirectory, string dataDirectory, string agentBinary)
{
    /// <summary>The provider key's file in a desktop's folder.</summary>
    public const string ProviderKeyFile = "provider-key";

    /// <summary>The embeddings key's file in a desktop's folder.</summary>
    public const string EmbeddingsKeyFile = "embeddings-key";

    /// <summary>Where per-desktop folders live.</summary>
    public string StateDirectory { get; } = stateDirectory;

    /// <summary>Where the desktops' homes live (not under <see cref="StateDirectory"/>: <see cref="ReapAsync"/> spares them).</summary>
    public string DataDirectory { get; } = dataDirectory;

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
        WriteSecret(tokenFile, request.Token);
        if (request.Chat is { } chat)
        {
            WriteSecret(Path.Combine(directory, ProviderKeyFile), chat.ApiKey);
            if (chat.EmbeddingsApiKey is { } embeddingsKey) WriteSecret(Path.Combine(directory, EmbeddingsKeyFile), embeddingsKey);
        }
        var home = DataFolder(request.HomeId ?? request.Id);
        Directory.CreateDirectory(home, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var display = request.Display.ToString(CultureInfo.InvariantCulture);
        var agent = AgentBinary.Length == 0
            ? "wait"
            : $"exec {(AgentBinary.EndsWith(".dll", StringComparison.Ordinal) ? "dotnet " : "")}{Quote(AgentBinary)} " +
              $"--urls http://{request.IpAddress}:{request.AgentPort} --Agent:Display=:{display} --Agent:TokenFile={Quote(tokenFile)} " +
              string.Join(' ', ChatArguments(request.Chat, directory, ChatDataFolder(home)).Select(Quote));
        var script = $"""
            exec >>{Quote(Path.Combine(directory, "desktop.log"))} 2>&1
            export HOME={Quote(home)}
            cd "$HOME"
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

    /// <summary>The home of desktop <paramref name="id"/>.</summary>
    public string DataFolder(string id) => Path.Combine(DataDirectory, id);

    /// <summary>The chat agent's data folder in a desktop's <paramref name="home"/> (as <c>LEBUREAU_DATA_DIR</c> on a VM or a Pod).</summary>
    public static string ChatDataFolder(string home) => Path.Combine(home, ".lebureau");

    /// <summary>Removes the home of desktop <paramref name="id"/> (the desktop is gone for good).</summary>
    public void DeleteData(string id)
    {
        try
        {
            Directory.Delete(DataFolder(id), recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Never launched, or already gone.
        }
    }

    /// <summary>
    /// The agent's <c>--Chat:*</c> arguments (pure): the data folder always, the provider settings when there is a provider.
    /// Keys go by file (<see cref="ProviderKeyFile"/>, <see cref="EmbeddingsKeyFile"/> in <paramref name="directory"/>), never
    /// by value: a command line is readable by every local user.
    /// </summary>
    public static IReadOnlyList<string> ChatArguments(ChatSettings? chat, string directory, string dataFolder)
    {
        var arguments = new List<string>();
        if (chat is not null)
        {
            arguments.Add($"--Chat:Provider={chat.Provider}");
            if (chat.Model is not null) arguments.Add($"--Chat:Model={chat.Model}");
            arguments.Add($"--Chat:ApiKeyFile={Path.Combine(directory, ProviderKeyFile)}");
            if (chat.BaseUrl is not null) arguments.Add($"--Chat:BaseUrl={chat.BaseUrl}");
            if (chat.EmbeddingsApiKey is not null) arguments.Add($"--Chat:EmbeddingsApiKeyFile={Path.Combine(directory, EmbeddingsKeyFile)}");
            if (chat.EmbeddingsModel is not null) arguments.Add($"--Chat:EmbeddingsModel={chat.EmbeddingsModel}");
            if (chat.EmbeddingsBaseUrl is not null) arguments.Add($"--Chat:EmbeddingsBaseUrl={chat.EmbeddingsBaseUrl}");
        }
        arguments.Add($"--Chat:DataDirectory={dataFolder}");
        return arguments;
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

    /// <summary>Writes <paramref name="text"/> to a file readable by this user only, from its creation on.</summary>
    private static void WriteSecret(string path, string text)
    {
        File.Delete(path);
        using var file = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
        file.Write(System.Text.Encoding.UTF8.GetBytes(text));
    }

    private static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
