using System.Text.Json.Serialization;

namespace LeBureau.Mcp;

/// <summary>A desktop size, as tools accept it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DesktopTier>))]
public enum DesktopTier
{
    [JsonStringEnumMemberName("free")] Free,
    [JsonStringEnumMemberName("pro")] Pro,
    [JsonStringEnumMemberName("max")] Max,
}
