using System.Text.Json;

namespace LeBureau.DesktopAgent.Chat.Tools;

/// <summary>
/// Reads the fields of a tool call's JSON input. A missing required field or a field of the wrong type throws
/// <see cref="ToolInputException"/> with a message that names the field and what it must be; a JSON null counts as missing.
/// </summary>
internal readonly struct ToolInput
{
    private readonly JsonElement _element;
    private readonly string _context;

    private ToolInput(JsonElement element, string context)
    {
        _element = element;
        _context = context;
    }

    /// <summary>The input of <paramref name="context"/> (a tool or action name, quoted in messages); it must be a JSON object.</summary>
    public static ToolInput Of(JsonElement element, string context) =>
        element.ValueKind == JsonValueKind.Object
            ? new ToolInput(element, context)
            : throw new ToolInputException($"the input of {context} must be a JSON object, got {Describe(element)}");

    /// <summary>The same input, named <paramref name="context"/> in messages (e.g. "the computer action left_click").</summary>
    public ToolInput For(string context) => new(_element, context);

    public string RequiredString(string name) =>
        OptionalString(name) ?? throw Missing(name, "a string");

    public string? OptionalString(string name) => Field(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } value => value.GetString()!,
        { } value => throw WrongType(name, "a string", value),
    };

    public bool OptionalBool(string name) => Field(name) switch
    {
        null => false,
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        { } value => throw WrongType(name, "true or false", value),
    };

    public int RequiredInt(string name) =>
        OptionalInt(name) ?? throw Missing(name, "an integer");

    public int? OptionalInt(string name) => Field(name) switch
    {
        null => null,
        { } value when AsInt(value) is { } number => number,
        { } value => throw WrongType(name, "an integer", value),
    };

    public double RequiredNumber(string name) => Field(name) switch
    {
        null => throw Missing(name, "a number"),
        { ValueKind: JsonValueKind.Number } value => value.GetDouble(),
        { } value => throw WrongType(name, "a number", value),
    };

    /// <summary>An array of exactly <paramref name="count"/> integers, e.g. <c>coordinate: [x, y]</c>.</summary>
    public int[] RequiredInts(string name, int count, string shape) =>
        OptionalInts(name, count, shape) ?? throw Missing(name, shape);

    public int[]? OptionalInts(string name, int count, string shape)
    {
        if (Field(name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() != count)
        {
            throw WrongType(name, shape, value);
        }

        var numbers = new int[count];
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            numbers[index++] = AsInt(item) ?? throw WrongType(name, shape, value);
        }

        return numbers;
    }

    private JsonElement? Field(string name) =>
        _element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    // Models now and then write 100.0 for 100: an integral number is accepted, 100.5 or "100" is not.
    private static int? AsInt(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Number)
        {
            return null;
        }

        if (value.TryGetInt32(out var number))
        {
            return number;
        }

        return value.TryGetDouble(out var real) && real == Math.Floor(real) && real is >= int.MinValue and <= int.MaxValue
            ? (int)real
            : null;
    }

    private ToolInputException Missing(string name, string shape) =>
        new($"{_context} needs `{name}`: {shape}");

    private ToolInputException WrongType(string name, string shape, JsonElement value) =>
        new($"`{name}` of {_context} must be {shape}, got {Describe(value)}");

    private static string Describe(JsonElement value)
    {
        var text = value.GetRawText();
        return text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "...");
    }
}
