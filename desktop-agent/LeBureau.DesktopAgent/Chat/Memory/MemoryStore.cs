using System.Text.Json;

namespace LeBureau.DesktopAgent.Chat.Memory;

/// <summary>
/// The chat agent's long-term memory on the desktop's data disk: <c>{data}/chat/memory.jsonl</c>, one embedded
/// exchange per line. Recall is an exact cosine search over all entries (a desktop's conversation stays in the
/// thousands of entries, where a scan takes well under a millisecond per thousand).
/// </summary>
public sealed class MemoryStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly string _file;
    private readonly List<MemoryEntry> _entries = [];
    private readonly Lock _lock = new();

    public MemoryStore(string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        var directory = Path.Combine(dataDirectory, "chat");
        Directory.CreateDirectory(directory);
        _file = Path.Combine(directory, "memory.jsonl");
        if (!File.Exists(_file)) return;
        foreach (var line in File.ReadLines(_file))
        {
            try
            {
                if (!string.IsNullOrWhiteSpace(line) && JsonSerializer.Deserialize<MemoryEntry>(line, Json) is { Vector.Length: > 0 } entry) _entries.Add(entry);
            }
            catch (JsonException)
            {
                // A torn last line: skipped.
            }
        }
    }

    /// <summary>How many exchanges are remembered.</summary>
    public int Count
    {
        get
        {
            lock (_lock) return _entries.Count;
        }
    }

    /// <summary>Remembers <paramref name="entry"/>.</summary>
    public async Task AddAsync(MemoryEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_lock) _entries.Add(entry);
        await File.AppendAllTextAsync(_file, JsonSerializer.Serialize(entry, Json) + "\n", cancellationToken);
    }

    /// <summary>The <paramref name="count"/> entries most similar to <paramref name="vector"/> with a similarity of at least <paramref name="threshold"/>, best first.</summary>
    public IReadOnlyList<(MemoryEntry Entry, double Score)> Recall(float[] vector, int count, double threshold)
    {
        ArgumentNullException.ThrowIfNull(vector);
        lock (_lock)
        {
            return [.. _entries
                .Select(e => (Entry: e, Score: Cosine(vector, e.Vector)))
                .Where(m => m.Score >= threshold)
                .OrderByDescending(m => m.Score)
                .Take(count)];
        }
    }

    /// <summary>The cosine similarity of two vectors (0 when their lengths differ or one is zero).</summary>
    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length || a.Length == 0) return 0;
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.Sqrt(na * nb);
    }
}
