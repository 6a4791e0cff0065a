namespace LeBureau.Events;

/// <summary>An event on its way to Redis.</summary>
/// <param name="Tenant">The namespace it belongs to.</param>
/// <param name="Type">The event type.</param>
/// <param name="Payload">The payload as JSON text.</param>
/// <param name="DedupKey">
/// Optional: with <paramref name="DedupValue"/>, publish only when the value stored for this key differs,
/// atomically with the append. Publishers across a leader change then never emit one transition twice.
/// </param>
/// <param name="DedupValue">The state the event reports (e.g. the phase), compared with the stored one.</param>
public sealed record EventDraft(string Tenant, string Type, string Payload, string? DedupKey = null, string? DedupValue = null);
