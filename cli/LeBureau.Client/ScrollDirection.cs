using System.Text.Json.Serialization;

namespace LeBureau.Client;

/// <summary>Which way the wheel scrolls (JSON: up, down, left, right).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ScrollDirection>))]
public enum ScrollDirection
{
    [JsonStringEnumMemberName("up")] Up,
    [JsonStringEnumMemberName("down")] Down,
    [JsonStringEnumMemberName("left")] Left,
    [JsonStringEnumMemberName("right")] Right,
}
