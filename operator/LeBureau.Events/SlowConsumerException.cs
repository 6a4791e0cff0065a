namespace LeBureau.Events;

/// <summary>An SSE client did not read fast enough and its buffer filled: it is dropped so that others are not stalled.</summary>
public sealed class SlowConsumerException() : Exception("the client fell too far behind and was disconnected");
