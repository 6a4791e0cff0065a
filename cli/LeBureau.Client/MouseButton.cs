using System.Text.Json.Serialization;

namespace LeBureau.Client;

/// <summary>A mouse button (JSON: left, right, middle).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MouseButton>))]
public enum MouseButton
{
    [JsonStringEnumMemberName("left")] Left,
    [JsonStringEnumMemberName("right")] Right,
    [JsonStringEnumMemberName("middle")] Middle,
}
