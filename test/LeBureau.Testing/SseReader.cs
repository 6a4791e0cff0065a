using System.Collections.Concurrent;
using System.Text.Json;

namespace LeBureau.Testing;

/// <summary>A plain HTTP client reading <c>id:</c> and <c>data:</c> lines of an SSE response, as seed 003's Python consumer does.</summary>
public sealed class SseReader : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private SseReader(HttpClient http, HttpResponseMessage response)
    {
        _http = http;
        Response = response;
        _loop = Task.Run(ReadAsync);
    }

    public HttpResponseMessage Response { get; }

    /// <summary>The events so far: (id, type, payload).</summary>
    public ConcurrentQueue<(string Id, string Type, JsonElement Payload)> Events { get; } = new();

    /// <summary>Connects; <paramref name="lastEventId"/> resumes like a reconnecting EventSource.</summary>
    public static async Task<SseReader> OpenAsync(Uri url, string? key = null, string? lastEventId = null)
    {
        var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (key is not null) request.Headers.Add("x-api-key", key);
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return new SseReader(http, response);
    }

    /// <summary>True once the server ended the response (or the connection broke).</summary>
    public bool Ended => _loop.IsCompleted;

    /// <summary>True once an event of <paramref name="type"/> about desktop <paramref name="id"/> (with <paramref name="status"/>, when given) arrived.</summary>
    public bool Has(string type, string id, string? status = null) => Events.Any(e => e.Type == type
        && (e.Payload.TryGetProperty("id", out var i) ? i.GetString() : e.Payload.TryGetProperty("desktopId", out var d) ? d.GetString() : null) == id
        && (status is null || (e.Payload.TryGetProperty("status", out var s) && s.GetString() == status)));

    private async Task ReadAsync()
    {
        try
        {
            using var reader = new StreamReader(await Response.Content.ReadAsStreamAsync(_stop.Token));
            string? id = null;
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                if (line.StartsWith("id: ", StringComparison.Ordinal)) id = line[4..];
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    using var doc = JsonDocument.Parse(line[6..]);
                    Events.Enqueue((id ?? "", doc.RootElement.GetProperty("type").GetString()!, doc.RootElement.GetProperty("payload").Clone()));
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException)
        {
            // Closed.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        Response.Dispose();
        await _loop;
        _http.Dispose();
        _stop.Dispose();
    }
}
