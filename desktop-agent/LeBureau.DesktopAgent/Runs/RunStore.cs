using System.Text.Json;
using LeBureau.AgentContract;

namespace LeBureau.DesktopAgent.Runs;

/// <summary>
/// The runs on the data disk: <c>{directory}/{id}.json</c>, one file per run, written whole to a temporary file and
/// renamed over the old one, so that a reader (or the next agent) never finds half a run. Beyond <c>maxRuns</c>
/// files the oldest finished runs (by start) are deleted. Unreadable files are skipped, never fatal.
/// </summary>
internal sealed partial class RunStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly string _directory;
    private readonly int _maxRuns;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly List<string> _byStart = [];
    private readonly HashSet<string> _known = [];
    private readonly HashSet<string> _running = [];

    public RunStore(string directory, int maxRuns, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(directory);
        _directory = directory;
        _maxRuns = maxRuns;
        _logger = logger;
        Directory.CreateDirectory(directory);
        foreach (var leftover in Directory.EnumerateFiles(directory, "*.tmp")) File.Delete(leftover);
        var runs = Directory.EnumerateFiles(directory, "*.json").Select(ReadFile).OfType<RunState>().OrderBy(r => r.StartedAt).ToList();
        foreach (var run in runs)
        {
            _byStart.Add(run.Id);
            _known.Add(run.Id);
        }
        Running = [.. runs.Where(r => !r.IsFinal)];
        _running.UnionWith(Running.Select(r => r.Id));
    }

    /// <summary>The runs found running when the store was opened (their agent stopped under them).</summary>
    public IReadOnlyList<RunState> Running { get; }

    /// <summary>The run <paramref name="id"/> (a valid id, see <see cref="RunRequestRules.IsValidId"/>), or null when it is not kept.</summary>
    public RunState? Read(string id)
    {
        lock (_lock)
        {
            return _known.Contains(id) ? ReadFile(PathOf(id)) : null;
        }
    }

    /// <summary>Writes <paramref name="run"/> (new, or replacing its earlier state); a new run may push the oldest out.</summary>
    public void Save(RunState run)
    {
        ArgumentNullException.ThrowIfNull(run);
        lock (_lock)
        {
            var file = PathOf(run.Id);
            File.WriteAllText(file + ".tmp", JsonSerializer.Serialize(run, Json));
            File.Move(file + ".tmp", file, overwrite: true);
            if (run.IsFinal) _running.Remove(run.Id);
            else _running.Add(run.Id);
            if (_known.Add(run.Id))
            {
                _byStart.Add(run.Id);
                Prune();
            }
        }
    }

    private void Prune()
    {
        for (var i = 0; _byStart.Count > _maxRuns && i < _byStart.Count;)
        {
            var id = _byStart[i];
            if (_running.Contains(id))
            {
                i++;
                continue;
            }
            File.Delete(PathOf(id));
            _byStart.RemoveAt(i);
            _known.Remove(id);
        }
    }

    private string PathOf(string id) => Path.Combine(_directory, id + ".json");

    private RunState? ReadFile(string file)
    {
        try
        {
            var run = JsonSerializer.Deserialize<RunState>(File.ReadAllText(file), Json);
            if (run is { Id: { } id } && RunRequestRules.IsValidId(id) && PathOf(id) == file) return run;
            Log.Unreadable(_logger, file, "not the run its name says");
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            Log.Unreadable(_logger, file, e.Message);
        }
        return null;
    }

    private static partial class Log
    {
        [LoggerMessage(33, LogLevel.Warning, "Run file {File} skipped: {Error}")]
        public static partial void Unreadable(ILogger logger, string file, string error);
    }
}
