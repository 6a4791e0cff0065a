using System.Text.Json.Serialization;

namespace LeBureau.ApiServer.Control;

/// <summary>Body of <c>exec</c>: one shell command.</summary>
public sealed record ExecBody(string? Command);

/// <summary>Body of <c>bash</c>: a multi-line bash script.</summary>
public sealed record BashBody(string? Script);

/// <summary>Body of <c>POST files</c>: an absolute path and its content.</summary>
/// <param name="Path">Absolute path on the desktop.</param>
/// <param name="Content">File content.</param>
/// <param name="Encoding">utf8 (default) or base64 (binary content).</param>
public sealed record WriteFileBody(string? Path, string? Content, string? Encoding);

/// <summary>Body of <c>click</c>: coordinates (current pointer position when absent), button, number of clicks.</summary>
public sealed record ClickBody(int? X, int? Y, MouseButtonName? Button, int? Clicks);

/// <summary>Body of <c>drag</c>: left-button drag from start to end.</summary>
public sealed record DragBody(PointBody? Start, PointBody? End);

/// <summary>A screen point in pixels.</summary>
public sealed record PointBody(int X, int Y);

/// <summary>Body of <c>scroll</c>: direction and wheel clicks, at (x, y) when given.</summary>
public sealed record ScrollBody(ScrollDirectionName? Direction, int? Amount, int? X, int? Y);

/// <summary>Body of <c>type</c>: text to type.</summary>
public sealed record TypeBody(string? Text);

/// <summary>Body of <c>key</c>: an xdotool key name or combination (<c>ctrl+c</c>, <c>Return</c>).</summary>
public sealed record KeyBody(string? Keys);

/// <summary>The result of <c>exec</c> and <c>bash</c>.</summary>
public sealed record ExecResponse(string Stdout, string Stderr, int ExitCode);

/// <summary>The result of an input action: the pointer position afterwards, when the action moves it.</summary>
public sealed record InputResponse(bool Ok, int? X = null, int? Y = null);

[JsonConverter(typeof(JsonStringEnumConverter<MouseButtonName>))]
public enum MouseButtonName
{
    [JsonStringEnumMemberName("left")] Left,
    [JsonStringEnumMemberName("right")] Right,
    [JsonStringEnumMemberName("middle")] Middle,
}

[JsonConverter(typeof(JsonStringEnumConverter<ScrollDirectionName>))]
public enum ScrollDirectionName
{
    [JsonStringEnumMemberName("up")] Up,
    [JsonStringEnumMemberName("down")] Down,
    [JsonStringEnumMemberName("left")] Left,
    [JsonStringEnumMemberName("right")] Right,
}
