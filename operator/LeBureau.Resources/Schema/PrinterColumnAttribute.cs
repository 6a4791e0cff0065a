namespace LeBureau.Resources.Schema;

/// <summary>An additional printer column that `kubectl get` shows for the resource.</summary>
/// <param name="name">Name of the column header.</param>
/// <param name="jsonPath">JSONPath into the object, e.g. <c>.status.phase</c>.</param>
/// <param name="type">OpenAPI type of the column: string, integer, boolean, date.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class PrinterColumnAttribute(string name, string jsonPath, string type = "string") : Attribute
{
    /// <summary>Name of the column header.</summary>
    public string Name { get; } = name;

    /// <summary>JSONPath into the object.</summary>
    public string JsonPath { get; } = jsonPath;

    /// <summary>OpenAPI type of the column.</summary>
    public string Type { get; } = type;

    /// <summary>Priority: 0 shows by default, higher only with <c>-o wide</c>.</summary>
    public int Priority { get; init; }
}
