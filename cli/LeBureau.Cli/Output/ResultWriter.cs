using System.Text.Json;
using System.Text.Json.Serialization;
using YamlDotNet.Serialization;

namespace LeBureau.Cli.Output;

/// <summary>Prints a result as a table, JSON or YAML. JSON and YAML carry every field; the table the columns given.</summary>
public static class ResultWriter
{
    /// <summary>The API's field names (camelCase), indented, nulls left out.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private static readonly ISerializer Yaml = new SerializerBuilder().WithQuotingNecessaryStrings().Build();

    /// <summary>Writes <paramref name="value"/> (one object or a list) in <paramref name="format"/>; <paramref name="rows"/> are its table rows.</summary>
    public static Task WriteAsync<T>(TextWriter output, OutputFormat format, object value, IEnumerable<T> rows,
        IReadOnlyList<TableColumn<T>> columns) => format switch
    {
        OutputFormat.Json => output.WriteLineAsync(JsonSerializer.Serialize(value, Json)),
        OutputFormat.Yaml => output.WriteAsync(ToYaml(value)),
        _ => output.WriteAsync(TableText.Render(columns, rows)),
    };

    /// <summary>The YAML of what <paramref name="value"/> serialises to as JSON: the same fields, the same names.</summary>
    public static string ToYaml(object value) =>
        Yaml.Serialize(Plain(JsonSerializer.SerializeToElement(value, Json)));

    private static object? Plain(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => Plain(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().Select(Plain).ToList(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var whole) ? whole : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };
}
