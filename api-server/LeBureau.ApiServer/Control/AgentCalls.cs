namespace LeBureau.ApiServer.Control;

/// <summary>The agent requests behind each control route (the agent's own route table, desktop-agent/README.md).</summary>
internal static class AgentCalls
{
    public static object Exec(string command) => new { command };

    public static object Bash(string script) => new { script };

    public static object Click(int? x, int? y, string button, int clicks, string action = "click") => new { x, y, button, clicks, action };

    public static object Drag(PointBody start, PointBody end) => new { start = new { x = start.X, y = start.Y }, end = new { x = end.X, y = end.Y }, button = "left" };

    public static object Scroll(string direction, int amount, int? x, int? y) => new { direction, amount, x, y };

    public static object Move(int x, int y) => new { x, y };

    public static object Type(string text) => new { text };

    public static object Key(string keys, string action = "press") => new { keys, action };

    public static object Wait(int ms) => new { ms };

    public static object WriteFile(string path, string content, string encoding) => new { path, content, encoding };

    public static string Name(MouseButtonName button) => button.ToString().ToLowerInvariant();

    public static string Name(ScrollDirectionName direction) => direction.ToString().ToLowerInvariant();
}
