using System.Text.Json;
using System.Text.Json.Nodes;

namespace LeBureau.Events;

/// <summary>One event of a tenant's stream.</summary>
/// <param name="Id">The Redis stream entry id (<c>1700000000000-0</c>); the SSE <c>id:</c>.</param>
/// <param name="Tenant">The namespace the event belongs to.</param>
/// <param name="Type">The event type (<see cref="EventTypes"/>).</param>
/// <param name="Payload">The payload, as JSON text.</param>
public sealed record PlatformEvent(string Id, string Tenant, string Type, string Payload)
{
    private byte[]? _frame;

    /// <summary>The event as SSE bytes (<c>id:</c> and <c>data:</c> lines), encoded once however many clients receive it.</summary>
    public ReadOnlyMemory<byte> Frame => _frame ??= System.Text.Encoding.UTF8.GetBytes($"id: {Id}\ndata: {ToData()}\n\n");

    /// <summary>The SSE <c>data:</c> of the event: <c>{"type":…,"payload":…}</c> as seed 003 shows.</summary>
    public string ToData() => $"{{\"type\":{JsonSerializer.Serialize(Type)},\"payload\":{Payload}}}";

    /// <summary>The payload parsed, for tests and filters.</summary>
    public JsonObject PayloadObject() => JsonNode.Parse(Payload)?.AsObject() ?? [];
}
