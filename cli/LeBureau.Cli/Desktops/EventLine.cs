using System.Globalization;
using System.Text;
using System.Text.Json;
using LeBureau.Client;

namespace LeBureau.Cli.Desktops;

/// <summary>One line per stream event for people (pure): time, type, desktop, status, then the other fields as key=value.</summary>
public static class EventLine
{
    private static readonly string[] Lead = ["id", "desktopId", "name", "status", "at"];

    public static string Format(StreamEvent e, DateTimeOffset now)
    {
        var payload = e.Payload.ValueKind == JsonValueKind.Object ? e.Payload : default;
        var at = Field(payload, "at") is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed : now;
        var line = new StringBuilder()
            .Append(at.ToUniversalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture)).Append("  ")
            .Append(e.Type.PadRight(20)).Append(' ')
            .Append((Field(payload, "id") ?? Field(payload, "desktopId") ?? "-").PadRight(36)).Append("  ")
            .Append(Field(payload, "name") ?? "-");
        if (Field(payload, "status") is { } status) line.Append("  ").Append(status);
        if (payload.ValueKind == JsonValueKind.Object)
        {
            foreach (var field in payload.EnumerateObject())
            {
                if (Lead.Contains(field.Name) || field.Value.ValueKind is JsonValueKind.Null or JsonValueKind.Object or JsonValueKind.Array) continue;
                line.Append("  ").Append(field.Name).Append('=').Append(field.Value.ValueKind == JsonValueKind.String ? field.Value.GetString() : field.Value.GetRawText());
            }
        }
        return line.ToString();
    }

    private static string? Field(JsonElement payload, string name) =>
        payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
