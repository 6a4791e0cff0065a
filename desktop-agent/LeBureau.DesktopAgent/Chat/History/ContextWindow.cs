using LeBureau.DesktopAgent.Chat.Model;

namespace LeBureau.DesktopAgent.Chat.History;

/// <summary>
/// Which earlier turns go into a new message's context: the newest answered exchanges (a user message and its
/// <c>done</c> answer, as text; tool steps are left out) whose text fits in <c>budget</c> characters, oldest first.
/// Older exchanges, failed turns and unanswered messages stay in the history but not in the context, so a long
/// conversation never outgrows the model's window; memory (when on) recalls what matters of the older ones.
/// </summary>
public static class ContextWindow
{
    /// <summary>The transcript entries for <paramref name="history"/> within <paramref name="budget"/> characters.</summary>
    public static IReadOnlyList<TranscriptEntry> Select(IReadOnlyList<ChatMessageRecord> history, int budget)
    {
        ArgumentNullException.ThrowIfNull(history);
        var users = history.Where(m => m.Role == ChatMessageRecord.User).ToDictionary(m => m.Id);
        var exchanges = new List<(ChatMessageRecord User, ChatMessageRecord Answer)>();
        foreach (var answer in history)
        {
            if (answer.Role == ChatMessageRecord.Assistant && answer.Status == ChatMessageRecord.Done
                && answer.ReplyTo is { } replyTo && users.TryGetValue(replyTo, out var user))
            {
                exchanges.Add((user, answer));
            }
        }

        var picked = new List<(ChatMessageRecord User, ChatMessageRecord Answer)>();
        var used = 0;
        for (var i = exchanges.Count - 1; i >= 0; i--)
        {
            var size = exchanges[i].User.Content.Length + exchanges[i].Answer.Content.Length;
            if (used + size > budget) break;
            used += size;
            picked.Add(exchanges[i]);
        }
        picked.Reverse();
        return [.. picked.SelectMany(e => new TranscriptEntry[] { new UserEntry(e.User.Content), new AssistantEntry(e.Answer.Content, []) })];
    }
}
