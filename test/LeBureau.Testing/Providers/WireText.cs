using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace LeBureau.Testing.Providers;

/// <summary>Helpers the provider wire writers share: ids, chunking, JSON and SSE writes.</summary>
internal static class WireText
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>A provider-looking id: <paramref name="prefix"/> and 24 random letters and digits.</summary>
    public static string NewId(string prefix) =>
        prefix + string.Create(24, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = Alphabet[Random.Shared.Next(Alphabet.Length)];
        });

    /// <summary>
    /// Splits <paramref name="text"/> into at most <paramref name="count"/> non-empty pieces of about equal length,
    /// never between the halves of a surrogate pair. Empty text gives no pieces.
    /// </summary>
    public static IReadOnlyList<string> Split(string text, int count)
    {
        var pieces = new List<string>();
        var start = 0;
        for (var i = 1; i <= count && start < text.Length; i++)
        {
            var end = i == count ? text.Length : Math.Max(start + 1, (int)((long)text.Length * i / count));
            if (end < text.Length && char.IsLowSurrogate(text[end])) end++;
            if (end <= start) continue;
            pieces.Add(text[start..end]);
            start = end;
        }
        return pieces;
    }

    /// <summary>The tool input as a JSON node: the parsed object, or the raw text as a JSON string when malformed.</summary>
    public static JsonNode ToolInput(ScriptedToolCall call, bool malformed) =>
        malformed ? JsonValue.Create(call.InputJson) : JsonNode.Parse(call.InputJson)!;

    /// <summary>Writes <paramref name="body"/> as the whole JSON response with <paramref name="status"/>.</summary>
    public static async Task WriteJsonAsync(HttpResponse response, int status, JsonNode body, CancellationToken cancellationToken)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        await response.WriteAsync(body.ToJsonString(), cancellationToken);
    }

    /// <summary>Starts a server-sent event stream.</summary>
    public static async Task StartEventStreamAsync(HttpResponse response, CancellationToken cancellationToken)
    {
        response.StatusCode = 200;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        await response.StartAsync(cancellationToken);
    }

    /// <summary>Writes one server-sent event (<c>event:</c> line only when <paramref name="name"/> is given) and flushes it.</summary>
    public static async Task WriteEventAsync(HttpResponse response, string? name, string data, CancellationToken cancellationToken)
    {
        var text = name is null ? $"data: {data}\n\n" : $"event: {name}\ndata: {data}\n\n";
        await response.WriteAsync(text, cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
