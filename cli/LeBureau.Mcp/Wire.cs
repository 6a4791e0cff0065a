using System.Text.Json;

namespace LeBureau.Mcp;

/// <summary>The JSON name of an enum value (its JsonStringEnumMemberName).</summary>
internal static class Wire
{
    public static string Name<T>(T value) where T : struct, Enum => JsonSerializer.Serialize(value).Trim('"');
}
