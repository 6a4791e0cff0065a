using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace LeBureau.Client;

public sealed partial class LeBureauClient
{
    /// <summary>Sends a message to the desktop's AI agent and waits for its answer. Needs desktop:chat.</summary>
    public Task<ChatReply> ChatAsync(string id, string message, CancellationToken cancellationToken = default) =>
        SendJsonAsync<ChatReply>(HttpMethod.Post, $"api/desktops/{Escape(id)}/chat", new { message }, cancellationToken);

    /// <summary>
    /// Sends a message and yields the turn's events as they come (start, text, tool_start, tool_finish, then done or
    /// error). A refusal before the turn starts (403, 409 busy, 503 not ready) throws. Needs desktop:chat.
    /// </summary>
    public async IAsyncEnumerable<ChatEvent> ChatStreamAsync(string id, string message, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/desktops/{Escape(id)}/chat/stream")
        {
            Content = JsonContent.Create(new { message }, options: Json),
        };
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        await foreach (var item in ReadEventsAsync(response, cancellationToken))
        {
            var chat = new ChatEvent(item.Type, item.Payload);
            yield return chat;
            if (chat.IsFinal) yield break;
        }
    }

    /// <summary>The SSE items of <paramref name="response"/> whose data is <c>{"type":…,"payload":…}</c>; comments and other data are skipped.</summary>
    private static async IAsyncEnumerable<StreamEvent> ReadEventsAsync(HttpResponseMessage response, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        await foreach (var item in SseParser.Create(stream).EnumerateAsync(cancellationToken))
        {
            if (Parse(item.Data, item.EventId) is { } parsed) yield return parsed;
        }
    }

    private static StreamEvent? Parse(string data, string? id)
    {
        try
        {
            using var document = JsonDocument.Parse(data);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object && root.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String
                ? new StreamEvent(id, type.GetString()!, root.TryGetProperty("payload", out var payload) ? payload.Clone() : default)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
