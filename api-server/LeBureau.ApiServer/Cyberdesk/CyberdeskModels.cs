using System.Text.Json;
using System.Text.Json.Serialization;

namespace LeBureau.ApiServer.Cyberdesk;

/// <summary>Body of <c>POST /v1/desktop</c> (optional).</summary>
/// <param name="TimeoutMs">Lifetime in milliseconds (default 1 h, at least 1000); the desktop is removed when it ends.</param>
public sealed record CyberdeskCreateRequest([property: JsonPropertyName("timeout_ms")] long? TimeoutMs);

/// <summary>Answer of <c>POST /v1/desktop</c>: the new desktop's id, status and live-view URL (it connects once the desktop runs).</summary>
public sealed record CyberdeskCreated(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("stream_url")] string? StreamUrl);

/// <summary>A desktop as <c>GET /v1/desktop/:id</c> shows it.</summary>
public sealed record CyberdeskDesktop(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("stream_url")] string? StreamUrl,
    [property: JsonPropertyName("created_at")] DateTimeOffset? CreatedAt,
    [property: JsonPropertyName("timeout_at")] DateTimeOffset? TimeoutAt);

/// <summary>Answer of <c>POST /v1/desktop/:id/stop</c>.</summary>
public sealed record CyberdeskStopped([property: JsonPropertyName("status")] string Status);

/// <summary>Body of <c>bash-action</c>.</summary>
public sealed record BashActionRequest([property: JsonPropertyName("command")] string? Command);

/// <summary>Answer of <c>bash-action</c>: stdout, else stderr (a non-zero exit is not an error).</summary>
public sealed record BashActionResponse([property: JsonPropertyName("output")] string Output)
{
    [JsonPropertyName("status")]
    public string Status => "success";
}

/// <summary>Answer of <c>computer-action</c>; which fields are set depends on the action.</summary>
public sealed record ComputerActionResponse(
    [property: JsonPropertyName("output"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Output = null,
    [property: JsonPropertyName("error"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error = null,
    [property: JsonPropertyName("base64_image"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Base64Image = null);

/// <summary>One computer action, discriminated by <c>type</c>. A body without a known <c>type</c> is a 400.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ClickMouseAction), "click_mouse")]
[JsonDerivedType(typeof(ScrollAction), "scroll")]
[JsonDerivedType(typeof(MoveMouseAction), "move_mouse")]
[JsonDerivedType(typeof(DragMouseAction), "drag_mouse")]
[JsonDerivedType(typeof(TypeTextAction), "type")]
[JsonDerivedType(typeof(PressKeysAction), "press_keys")]
[JsonDerivedType(typeof(WaitAction), "wait")]
[JsonDerivedType(typeof(ScreenshotAction), "screenshot")]
[JsonDerivedType(typeof(GetCursorPositionAction), "get_cursor_position")]
public class ComputerAction;

/// <summary>Click (or press/release) a button at (x, y), or where the pointer is.</summary>
public sealed class ClickMouseAction : ComputerAction
{
    [JsonPropertyName("x")] public int? X { get; set; }
    [JsonPropertyName("y")] public int? Y { get; set; }
    [JsonPropertyName("button")] public CyberdeskButton? Button { get; set; }
    /// <summary>NumOfClicks: ≥ 0, default 1. 0 presses nothing: it only moves the pointer to (x, y) when given.</summary>
    [JsonPropertyName("num_of_clicks")] public int? NumOfClicks { get; set; }
    [JsonPropertyName("click_type")] public CyberdeskClickType? ClickType { get; set; }
}

/// <summary>Scroll by wheel clicks.</summary>
public sealed class ScrollAction : ComputerAction
{
    [JsonPropertyName("direction")] public CyberdeskDirection? Direction { get; set; }
    [JsonPropertyName("amount")] public int? Amount { get; set; }
}

/// <summary>Move the pointer.</summary>
public sealed class MoveMouseAction : ComputerAction
{
    [JsonPropertyName("x")] public int? X { get; set; }
    [JsonPropertyName("y")] public int? Y { get; set; }
}

/// <summary>Left-button drag.</summary>
public sealed class DragMouseAction : ComputerAction
{
    [JsonPropertyName("start")] public CyberdeskPoint? Start { get; set; }
    [JsonPropertyName("end")] public CyberdeskPoint? End { get; set; }
}

/// <summary>Type text.</summary>
public sealed class TypeTextAction : ComputerAction
{
    [JsonPropertyName("text")] public string? Text { get; set; }
}

/// <summary>Press keys: a combination string, or a list joined with "+".</summary>
public sealed class PressKeysAction : ComputerAction
{
    [JsonPropertyName("keys")] public JsonElement? Keys { get; set; }
    [JsonPropertyName("key_action_type")] public CyberdeskKeyAction? KeyActionType { get; set; }
}

/// <summary>Wait some milliseconds.</summary>
public sealed class WaitAction : ComputerAction
{
    [JsonPropertyName("ms")] public int? Ms { get; set; }
}

/// <summary>Take a PNG screenshot (answered as base64_image).</summary>
public sealed class ScreenshotAction : ComputerAction;

/// <summary>Where the pointer is (answered as output "X=…\nY=…").</summary>
public sealed class GetCursorPositionAction : ComputerAction;

/// <summary>A screen point.</summary>
public sealed record CyberdeskPoint([property: JsonPropertyName("x")] int X, [property: JsonPropertyName("y")] int Y);

[JsonConverter(typeof(JsonStringEnumConverter<CyberdeskButton>))]
public enum CyberdeskButton
{
    [JsonStringEnumMemberName("left")] Left,
    [JsonStringEnumMemberName("right")] Right,
    [JsonStringEnumMemberName("middle")] Middle,
}

[JsonConverter(typeof(JsonStringEnumConverter<CyberdeskClickType>))]
public enum CyberdeskClickType
{
    [JsonStringEnumMemberName("click")] Click,
    [JsonStringEnumMemberName("down")] Down,
    [JsonStringEnumMemberName("up")] Up,
}

[JsonConverter(typeof(JsonStringEnumConverter<CyberdeskDirection>))]
public enum CyberdeskDirection
{
    [JsonStringEnumMemberName("up")] Up,
    [JsonStringEnumMemberName("down")] Down,
    [JsonStringEnumMemberName("left")] Left,
    [JsonStringEnumMemberName("right")] Right,
}

[JsonConverter(typeof(JsonStringEnumConverter<CyberdeskKeyAction>))]
public enum CyberdeskKeyAction
{
    [JsonStringEnumMemberName("press")] Press,
    [JsonStringEnumMemberName("down")] Down,
    [JsonStringEnumMemberName("up")] Up,
}
