using System.Net;
using System.Text.Json;

namespace LeBureau.Client;

/// <summary>Reads an error response body: ProblemDetails (title, detail, required) or Cyberdesk's <c>{"error": …}</c> (pure).</summary>
internal static class ApiErrorBody
{
    private const int MaxDetail = 2000;

    public static LeBureauApiException ToException(HttpStatusCode status, string body, TimeSpan? retryAfter)
    {
        string? title = null, detail = null, required = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                title = String(root, "title");
                detail = String(root, "detail") ?? String(root, "error");
                required = String(root, "required");
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's page, plain text): show its start.
            detail = string.IsNullOrWhiteSpace(body) ? null : body.Trim();
        }
        if (detail is { Length: > MaxDetail }) detail = detail[..MaxDetail] + "…";
        return new LeBureauApiException(status, title, detail, required, retryAfter);
    }

    private static string? String(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
