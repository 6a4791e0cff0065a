using System.Net.Http.Json;
using System.Globalization;

namespace LeBureau.Client;

public sealed partial class LeBureauClient
{
    /// <summary>Clicks at (x, y), or where the pointer is when both are null. Needs desktop:control.</summary>
    public Task<InputResult> ClickAsync(string id, int? x, int? y, MouseButton button = MouseButton.Left, int clicks = 1, CancellationToken cancellationToken = default) =>
        SendJsonAsync<InputResult>(HttpMethod.Post, $"v1/desktops/{Escape(id)}/click", new { x, y, button = Wire(button), clicks }, cancellationToken);

    /// <summary>Left-button drag from <paramref name="start"/> to <paramref name="end"/>. Needs desktop:control.</summary>
    public Task<InputResult> DragAsync(string id, ScreenPoint start, ScreenPoint end, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(end);
        return SendJsonAsync<InputResult>(HttpMethod.Post, $"v1/desktops/{Escape(id)}/drag", new { start, end }, cancellationToken);
    }

    /// <summary>Scrolls <paramref name="amount"/> wheel clicks, at (x, y) when given. Needs desktop:control.</summary>
    public Task<InputResult> ScrollAsync(string id, ScrollDirection direction, int amount, int? x = null, int? y = null, CancellationToken cancellationToken = default) =>
        SendJsonAsync<InputResult>(HttpMethod.Post, $"v1/desktops/{Escape(id)}/scroll", new { direction = Wire(direction), amount, x, y }, cancellationToken);

    /// <summary>Types text as keystrokes. Needs desktop:control.</summary>
    public Task<InputResult> TypeAsync(string id, string text, CancellationToken cancellationToken = default) =>
        SendJsonAsync<InputResult>(HttpMethod.Post, $"v1/desktops/{Escape(id)}/type", new { text }, cancellationToken);

    /// <summary>Presses a key or combination in xdotool names (<c>Return</c>, <c>ctrl+c</c>). Needs desktop:control.</summary>
    public Task<InputResult> KeyAsync(string id, string keys, CancellationToken cancellationToken = default) =>
        SendJsonAsync<InputResult>(HttpMethod.Post, $"v1/desktops/{Escape(id)}/key", new { keys }, cancellationToken);

    /// <summary>Moves the pointer to (x, y) without clicking (the Cyberdesk surface's move_mouse). Needs desktop:control.</summary>
    public async Task MoveAsync(string id, int x, int y, CancellationToken cancellationToken = default)
    {
        using var response = await _http.PostAsJsonAsync($"v1/desktop/{Escape(id)}/computer-action", new { type = "move_mouse", x, y }, Json, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    /// <summary>Captures the screen as PNG, or JPEG with <paramref name="quality"/> (1–100). Needs desktop:control.</summary>
    public async Task<Screenshot> ScreenshotAsync(string id, ImageEncoding encoding = ImageEncoding.Png, int? quality = null, CancellationToken cancellationToken = default)
    {
        var query = encoding == ImageEncoding.Jpeg
            ? $"?format=jpeg{(quality is { } q ? $"&quality={q.ToString(CultureInfo.InvariantCulture)}" : "")}"
            : "";
        using var response = await _http.GetAsync($"api/desktops/{Escape(id)}/screenshot{query}", cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return new Screenshot(bytes, response.Content.Headers.ContentType?.MediaType ?? "image/png");
    }

    /// <summary>Runs one shell command; its exit code is in the result. Needs desktop:control.</summary>
    public Task<ExecResult> ExecAsync(string id, string command, CancellationToken cancellationToken = default) =>
        SendJsonAsync<ExecResult>(HttpMethod.Post, $"api/desktops/{Escape(id)}/exec", new { command }, cancellationToken);

    /// <summary>Runs a multi-line bash script. Needs desktop:control.</summary>
    public Task<ExecResult> BashAsync(string id, string script, CancellationToken cancellationToken = default) =>
        SendJsonAsync<ExecResult>(HttpMethod.Post, $"api/desktops/{Escape(id)}/bash", new { script }, cancellationToken);

    /// <summary>Runs Python 3 code (through bash, fed on stdin). Needs desktop:control.</summary>
    public Task<ExecResult> ExecPythonAsync(string id, string code, CancellationToken cancellationToken = default) =>
        BashAsync(id, PythonScript.For(code), cancellationToken);

    private static string Wire(MouseButton button) => button.ToString().ToLowerInvariant();

    private static string Wire(ScrollDirection direction) => direction.ToString().ToLowerInvariant();
}
