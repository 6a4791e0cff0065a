using System.Text.Json;

namespace LeBureau.Client;

/// <summary>
/// One event of a platform stream (<c>/api/desktops/stream</c>, <c>/api/mission-control/activity/stream</c>):
/// its id (give it back as <c>lastEventId</c> to resume), type (<c>desktop.status</c>, <c>task.completed</c> …) and payload.
/// </summary>
public sealed record StreamEvent(string? Id, string Type, JsonElement Payload);
