using System.Text.Json;

namespace LeBureau.Mcp;

/// <summary>
/// Checks a tool call's arguments against the tool's input schema before anything runs (pure): unknown, missing and
/// mistyped arguments and oversized strings get a message naming the field, instead of a binder exception.
/// </summary>
public static class ArgumentCheck
{
    /// <summary>The longest string argument accepted (characters): 1 MiB of text.</summary>
    public const int MaxStringLength = 1 << 20;

    /// <summary>The first problem with <paramref name="arguments"/>, or null when they fit <paramref name="schema"/>.</summary>
    public static string? Problem(JsonElement schema, IDictionary<string, JsonElement>? arguments)
    {
        var properties = schema.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
        var names = properties.ValueKind == JsonValueKind.Object ? properties.EnumerateObject().Select(x => x.Name).ToList() : [];
        arguments ??= new Dictionary<string, JsonElement>();

        foreach (var name in arguments.Keys)
        {
            if (!names.Contains(name, StringComparer.Ordinal))
            {
                return $"Unknown argument '{name}'. This tool takes: {(names.Count == 0 ? "no arguments" : string.Join(", ", names))}.";
            }
        }
        if (schema.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array)
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
            {
                if (!arguments.TryGetValue(name, out var value) || value.ValueKind is JsonValueKind.Undefined)
                {
                    return $"Missing required argument '{name}'{Described(properties, name)}.";
                }
            }
        }
        foreach (var (name, value) in arguments)
        {
            if (Mismatch(properties.GetProperty(name), value) is { } expected)
            {
                return $"Argument '{name}' must be {expected}, not {Describe(value)}.";
            }
            if (value.ValueKind == JsonValueKind.String && value.GetString()!.Length > MaxStringLength)
            {
                return $"Argument '{name}' is {value.GetString()!.Length} characters long; at most {MaxStringLength} are accepted.";
            }
        }
        return null;
    }

    private static string? Mismatch(JsonElement property, JsonElement value)
    {
        var types = property.TryGetProperty("type", out var t)
            ? t.ValueKind == JsonValueKind.Array ? t.EnumerateArray().Select(x => x.GetString()!).ToList() : [t.GetString()!]
            : [];
        if (types.Count > 0 && !types.Any(type => Fits(type, value)))
        {
            return string.Join(" or ", types.Select(Article));
        }
        if (property.TryGetProperty("enum", out var allowed) && allowed.ValueKind == JsonValueKind.Array && value.ValueKind != JsonValueKind.Null
            && !allowed.EnumerateArray().Any(a => JsonElement.DeepEquals(a, value)))
        {
            return "one of " + string.Join(", ", allowed.EnumerateArray().Select(a => a.GetRawText()));
        }
        return null;
    }

    private static bool Fits(string type, JsonElement value) => type switch
    {
        "string" => value.ValueKind == JsonValueKind.String,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out _),
        "number" => value.ValueKind == JsonValueKind.Number,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        "array" => value.ValueKind == JsonValueKind.Array,
        "object" => value.ValueKind == JsonValueKind.Object,
        _ => true,
    };

    private static string Article(string type) => type switch
    {
        "integer" => "an integer",
        "null" => "null",
        "array" => "an array",
        "object" => "an object",
        _ => $"a {type}",
    };

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string {Quote(value.GetString()!)}",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {value.GetRawText()}",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        _ => "an object",
    };

    private static string Quote(string s) => s.Length <= 40 ? $"\"{s}\"" : $"\"{s[..40]}…\"";

    private static string Described(JsonElement properties, string name) =>
        properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(name, out var p) && p.TryGetProperty("description", out var d)
            ? $" ({d.GetString()})" : "";
}
