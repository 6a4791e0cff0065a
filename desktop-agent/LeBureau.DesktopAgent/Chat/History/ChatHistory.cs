using System.Text.Json;

namespace LeBureau.DesktopAgent.Chat.History;

/// <summary>
/// The conversation on the desktop's data disk: <c>{data}/chat/history.jsonl</c>, one message per line, a later line
/// with the same id replacing an earlier one (a message is saved when it starts and again when it ends; one still
/// running when the file is next opened was cut short and becomes an <c>interrupted</c> error). Lines that
/// do not parse (a torn write when the desktop died) are skipped. Beyond <c>maxMessages</c> the oldest messages are
/// dropped and the file is rewritten (atomically, through a rename).
/// </summary>
public sealed class ChatHistory
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly string _file;
    private readonly int _maxMessages;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<ChatMessageRecord> _messages = [];
    private readonly Dictionary<string, int> _index = [];
    private int _lines;

    public ChatHistory(string dataDirectory, int maxMessages)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        var directory = Path.Combine(dataDirectory, "chat");
        Directory.CreateDirectory(directory);
        _file = Path.Combine(directory, "history.jsonl");
        _maxMessages = maxMessages;
        if (!File.Exists(_file)) return;
        foreach (var line in File.ReadLines(_file))
        {
            _lines++;
            if (Parse(line) is { } message) Upsert(message);
        }
        var interrupted = false;
        for (var i = 0; i < _messages.Count; i++)
        {
            if (_messages[i].Status != ChatMessageRecord.Running) continue;
            _messages[i] = _messages[i] with { Status = ChatMessageRecord.Failed, Error = Interrupted };
            interrupted = true;
        }
        if (Trim() || interrupted)
        {
            File.WriteAllLines(_file + ".tmp", _messages.Select(m => JsonSerializer.Serialize(m, Json)));
            File.Move(_file + ".tmp", _file, overwrite: true);
            _lines = _messages.Count;
        }
    }

    /// <summary>The error of a turn that was running when the agent stopped (a desktop stop, a crash): found at the next start.</summary>
    public static ChatFailure Interrupted { get; } = new("interrupted", "the desktop agent stopped while answering (the desktop was stopped or restarted)", StatusCodes.Status503ServiceUnavailable);

    /// <summary>The messages, oldest first.</summary>
    public IReadOnlyList<ChatMessageRecord> Messages
    {
        get
        {
            _gate.Wait();
            try { return [.. _messages]; }
            finally { _gate.Release(); }
        }
    }

    /// <summary>Saves <paramref name="message"/> (new, or replacing the one with its id) to disk.</summary>
    public async Task SaveAsync(ChatMessageRecord message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            Upsert(message);
            if (Trim() || _lines >= 2 * _maxMessages)
            {
                await RewriteAsync(cancellationToken);
            }
            else
            {
                await File.AppendAllTextAsync(_file, JsonSerializer.Serialize(message, Json) + "\n", cancellationToken);
                _lines++;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private void Upsert(ChatMessageRecord message)
    {
        if (_index.TryGetValue(message.Id, out var at))
        {
            _messages[at] = message;
            return;
        }
        _index[message.Id] = _messages.Count;
        _messages.Add(message);
    }

    private bool Trim()
    {
        if (_messages.Count <= _maxMessages) return false;
        _messages.RemoveRange(0, _messages.Count - _maxMessages);
        _index.Clear();
        for (var i = 0; i < _messages.Count; i++) _index[_messages[i].Id] = i;
        return true;
    }

    private async Task RewriteAsync(CancellationToken cancellationToken)
    {
        var temporary = _file + ".tmp";
        await File.WriteAllLinesAsync(temporary, _messages.Select(m => JsonSerializer.Serialize(m, Json)), cancellationToken);
        File.Move(temporary, _file, overwrite: true);
        _lines = _messages.Count;
    }

    private static ChatMessageRecord? Parse(string line)
    {
        if (string.IsNullOrWhiteSpace(line)) return null;
        try
        {
            return JsonSerializer.Deserialize<ChatMessageRecord>(line, Json) is { Id.Length: > 0 } message ? message : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
