using System.Text.Json;
using LeBureau.DesktopAgent.Chat.Model;

namespace LeBureau.DesktopAgent.Chat.Providers;

/// <summary>Turns the arguments text a model streamed into a <see cref="ToolCall"/>; anything but a JSON object is kept as malformed.</summary>
public static class ToolCallParser
{
    /// <summary>Parses <paramref name="arguments"/>; never throws.</summary>
    public static ToolCall Parse(string id, string name, string arguments)
    {
        try
        {
            using var document = JsonDocument.Parse(arguments.Length == 0 ? "{}" : arguments);
            if (document.RootElement.ValueKind == JsonValueKind.Object) return new ToolCall(id, name, document.RootElement.Clone());
        }
        catch (JsonException)
        {
            // Malformed: reported back to the model below.
        }
        return new ToolCall(id, name, default, arguments.Length > 2000 ? arguments[..2000] : arguments);
    }
}
