using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace LeBureau.Testing.Providers;

/// <summary>
/// The queue of scripted replies of one provider of the <see cref="ProviderStandIn"/>: each request takes the next reply,
/// first in first out. Thread-safe.
/// </summary>
public sealed class ProviderScript
{
    private readonly ConcurrentQueue<ScriptedReply> _replies = new();

    /// <summary>Pending: how many scripted replies no request has taken yet.</summary>
    public int Pending => _replies.Count;

    /// <summary>Queues replies, answered in this order; returns this script for chaining.</summary>
    public ProviderScript Enqueue(params ScriptedReply[] replies)
    {
        ArgumentNullException.ThrowIfNull(replies);
        foreach (var reply in replies) _replies.Enqueue(reply);
        return this;
    }

    /// <summary>Drops every pending reply.</summary>
    public void Clear() => _replies.Clear();

    internal bool TryDequeue([MaybeNullWhen(false)] out ScriptedReply reply) => _replies.TryDequeue(out reply);
}
