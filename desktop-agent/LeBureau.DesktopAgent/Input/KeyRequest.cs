using System.Text.Json;

namespace LeBureau.DesktopAgent.Input;

/// <summary>
/// POST /input/key. Keys is a combination string (<c>"ctrl+shift+t"</c>) or an array of names joined with '+'
/// (<c>["ctrl","c"]</c>). Action press|down|up, default press. HoldMs (0..60000, press only) keeps the keys down.
/// </summary>
public sealed record KeyRequest(JsonElement Keys, KeyAction Action = KeyAction.Press, int HoldMs = 0);
