using System.Diagnostics;
using System.Text.Json.Nodes;

namespace LeBureau.Testing.Providers;

/// <summary>
/// One request the <see cref="ProviderStandIn"/> received, recorded when it arrived; the reply times are filled in once
/// the reply has been sent completely. Thread-safe.
/// </summary>
public sealed class RecordedRequest
{
    private readonly TaskCompletionSource _replied = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _repliedTimestamp;
    private DateTimeOffset _repliedAt;

    internal RecordedRequest(
        StandInProvider provider, string method, string path, string query, IReadOnlyDictionary<string, string> headers,
        string body, DateTimeOffset arrivedAt, long arrivedTimestamp, long receivedTimestamp)
    {
        Provider = provider;
        Method = method;
        Path = path;
        Query = query;
        Headers = headers;
        Body = body;
        ArrivedAt = arrivedAt;
        ArrivedTimestamp = arrivedTimestamp;
        ReceivedTimestamp = receivedTimestamp;
        try
        {
            Json = body.Length == 0 ? null : JsonNode.Parse(body);
        }
        catch (System.Text.Json.JsonException)
        {
            Json = null;
        }
    }

    /// <summary>Provider: which route the request reached.</summary>
    public StandInProvider Provider { get; }

    /// <summary>Method: the HTTP method, e.g. <c>POST</c>.</summary>
    public string Method { get; }

    /// <summary>Path: the request path, e.g. <c>/v1/messages</c>.</summary>
    public string Path { get; }

    /// <summary>Query: the query string with its <c>?</c>, or empty, e.g. <c>?beta=true</c>.</summary>
    public string Query { get; }

    /// <summary>Headers: the request headers, names case-insensitive, repeated values joined with <c>", "</c>.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>
    /// Body: the raw request body as UTF-8 text; empty once replied when <see cref="ProviderStandIn.KeepBodies"/> is off.
    /// </summary>
    public string Body { get; private set; }

    /// <summary>Json: <see cref="Body"/> parsed, or null when it is empty or not JSON (or was dropped with it).</summary>
    public JsonNode? Json { get; private set; }

    /// <summary>ArrivedAt: wall-clock time the request reached the handler.</summary>
    public DateTimeOffset ArrivedAt { get; }

    /// <summary>ArrivedTimestamp: <see cref="Stopwatch.GetTimestamp"/> when the request reached the handler.</summary>
    public long ArrivedTimestamp { get; }

    /// <summary>ReceivedTimestamp: <see cref="Stopwatch.GetTimestamp"/> when the request's body had been read to its end.</summary>
    public long ReceivedTimestamp { get; }

    /// <summary>RepliedAt: wall-clock time the reply finished sending; null until then (and forever for an aborted reply).</summary>
    public DateTimeOffset? RepliedAt => _replied.Task.IsCompleted ? _repliedAt : null;

    /// <summary>RepliedTimestamp: <see cref="Stopwatch.GetTimestamp"/> when the reply finished sending; null until then.</summary>
    public long? RepliedTimestamp => _replied.Task.IsCompleted ? Interlocked.Read(ref _repliedTimestamp) : null;

    /// <summary>Completes once the reply has been sent completely; throws <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    public Task WaitForReplyAsync(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        _replied.Task.WaitAsync(timeout, cancellationToken);

    internal void DropBody()
    {
        Body = "";
        Json = null;
    }

    internal void MarkReplied()
    {
        _repliedAt = DateTimeOffset.UtcNow;
        Interlocked.Exchange(ref _repliedTimestamp, Stopwatch.GetTimestamp());
        _replied.TrySetResult();
    }
}
