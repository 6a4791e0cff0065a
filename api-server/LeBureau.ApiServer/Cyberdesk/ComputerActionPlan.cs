using System.Text.Json;
using LeBureau.ApiServer.Control;

namespace LeBureau.ApiServer.Cyberdesk;

/// <summary>How the answer of the agent becomes a <see cref="ComputerActionResponse"/>.</summary>
public enum ActionAnswer
{
    Empty,
    Screenshot,
    Cursor,
}

/// <summary>One agent call for a computer action, or why the action is invalid.</summary>
public sealed record ComputerActionPlan(string? Error, HttpMethod? Method = null, string? Path = null, object? Body = null, ActionAnswer Answer = ActionAnswer.Empty)
{
    private static ComputerActionPlan Invalid(string error) => new(error);

    private static ComputerActionPlan Post(string path, object body) => new(null, HttpMethod.Post, path, body);

    /// <summary>Validates an action and maps it to the agent's route (pure).</summary>
    public static ComputerActionPlan For(ComputerAction? action) => action switch
    {
        ClickMouseAction a when (a.X is null) != (a.Y is null) => Invalid("'x' and 'y' go together."),
        ClickMouseAction { NumOfClicks: < 0 } => Invalid("'num_of_clicks' must be 0 or more."),
        // Cyberdesk's num_of_clicks counts presses: 0 moves to (x, y) when given and presses nothing; without
        // coordinates it does nothing (the agent is still asked, so a desktop that is not running is still a 409).
        ClickMouseAction { NumOfClicks: 0, X: null } => Post("input/wait", AgentCalls.Wait(0)),
        ClickMouseAction a => a.NumOfClicks == 0 && a.X is { } x0
            ? Post("input/move", AgentCalls.Move(x0, a.Y!.Value))
            : Post("input/click", AgentCalls.Click(a.X, a.Y, (a.Button ?? CyberdeskButton.Left).ToString().ToLowerInvariant(),
                Math.Max(1, a.NumOfClicks ?? 1), (a.ClickType ?? CyberdeskClickType.Click).ToString().ToLowerInvariant())),
        ScrollAction { Direction: null } => Invalid("'direction' is required (up, down, left, right)."),
        ScrollAction { Amount: null or < 0 } => Invalid("'amount' is required: a number of wheel clicks ≥ 0."),
        ScrollAction a => Post("input/scroll", AgentCalls.Scroll(a.Direction!.Value.ToString().ToLowerInvariant(), a.Amount!.Value, null, null)),
        MoveMouseAction { X: null } or MoveMouseAction { Y: null } => Invalid("'x' and 'y' are required."),
        MoveMouseAction a => Post("input/move", AgentCalls.Move(a.X!.Value, a.Y!.Value)),
        DragMouseAction { Start: null } => Invalid("'start' is required."),
        DragMouseAction { End: null } => Invalid("'end' is required."),
        DragMouseAction a => Post("input/drag", AgentCalls.Drag(new PointBody(a.Start!.X, a.Start.Y), new PointBody(a.End!.X, a.End.Y))),
        TypeTextAction { Text: null } => Invalid("'text' is required."),
        TypeTextAction a => Post("input/type", AgentCalls.Type(a.Text!)),
        PressKeysAction a => Keys(a.Keys) is { } keys
            ? Post("input/key", AgentCalls.Key(keys, (a.KeyActionType ?? CyberdeskKeyAction.Press).ToString().ToLowerInvariant()))
            : Invalid("'keys' is required: a key combination or a list of keys."),
        WaitAction { Ms: null or < 0 or > 60_000 } => Invalid("'ms' is required: 0 to 60000."),
        WaitAction a => Post("input/wait", AgentCalls.Wait(a.Ms!.Value)),
        ScreenshotAction => new ComputerActionPlan(null, HttpMethod.Get, "screenshot?format=png", null, ActionAnswer.Screenshot),
        GetCursorPositionAction => new ComputerActionPlan(null, HttpMethod.Get, "input/cursor", null, ActionAnswer.Cursor),
        _ => Invalid("'type' is required: click_mouse, scroll, move_mouse, drag_mouse, type, press_keys, wait, screenshot or get_cursor_position."),
    };

    /// <summary>A string as is; a list of strings joined with "+".</summary>
    public static string? Keys(JsonElement? keys)
    {
        if (keys is not { } k) return null;
        if (k.ValueKind == JsonValueKind.String) return string.IsNullOrWhiteSpace(k.GetString()) ? null : k.GetString();
        if (k.ValueKind != JsonValueKind.Array || k.GetArrayLength() == 0) return null;
        var parts = new List<string>();
        foreach (var item in k.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(item.GetString())) return null;
            parts.Add(item.GetString()!);
        }
        return string.Join('+', parts);
    }
}
