using System.Text.Json.Nodes;
using System.Threading.Channels;
using LeBureau.AgentContract;
using LeBureau.ApiServer.Activity;
using LeBureau.Events;
using LeBureau.Resources;

namespace LeBureau.ApiServer.Chat;

/// <summary>
/// Reads one chat turn's event stream from the desktop agent to its end, whoever listens: a client leaving
/// chat/stream does not stop it, so the turn's activity (each step marks the desktop active for the idle stop)
/// and its <c>desktop.chat</c> events (started, then done or error; ids and status only, never content) are
/// complete. Events are replayed to the route from the first through <see cref="Events"/>.
/// </summary>
internal sealed class ChatTurnRelay
{
    private readonly Channel<ChatFrame> _events = Channel.CreateUnbounded<ChatFrame>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource<ChatFrame> _final = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChatTurnRelay()
    {
    }

    /// <summary>The turn's events in order; completes after the final one.</summary>
    public ChannelReader<ChatFrame> Events => _events.Reader;

    /// <summary>The final event: done, or error (also when the agent's stream broke).</summary>
    public Task<ChatFrame> Final => _final.Task;

    /// <summary>Starts relaying <paramref name="response"/> (disposed at the end) in the background.</summary>
    public static ChatTurnRelay Start(HttpResponseMessage response, Desktop desktop, ActivityRecorder activity, EventPublisher events,
        ILogger logger, CancellationToken stopping)
    {
        var relay = new ChatTurnRelay();
        _ = Task.Run(() => relay.PumpAsync(response, desktop, activity, events, logger, stopping), CancellationToken.None);
        return relay;
    }

    private async Task PumpAsync(HttpResponseMessage response, Desktop desktop, ActivityRecorder activity, EventPublisher events, ILogger logger,
        CancellationToken stopping)
    {
        var sequence = 0;
        string? messageId = null;
        ChatFrame? final = null;
        try
        {
            using (response)
            {
                await using var body = await response.Content.ReadAsStreamAsync(stopping);
                using var reader = new StreamReader(body);
                while (final is null && await reader.ReadLineAsync(stopping) is { } line)
                {
                    if (!line.StartsWith("data:", StringComparison.Ordinal)) continue;
                    if (ChatFrame.Parse(sequence + 1, line[5..].Trim()) is not { } frame) continue;
                    sequence++;
                    messageId ??= frame.MessageId;
                    if (frame.Type == ChatEventTypes.Start) Publish(events, desktop, messageId, "running", null);
                    if (frame.Type is ChatEventTypes.Start or ChatEventTypes.ToolStart or ChatEventTypes.ToolFinish || frame.IsFinal) await activity.RecordAsync(desktop, stopping);
                    if (frame.IsFinal) final = frame;
                    _events.Writer.TryWrite(frame);
                }
            }
        }
        catch (Exception e)
        {
            ChatRelayLog.StreamBroken(logger, desktop.Metadata.NamespaceProperty, desktop.Metadata.Name, e.GetType().Name);
        }
        if (final is null)
        {
            final = ChatFrame.Broken(sequence + 1, messageId, "the desktop agent's answer stream ended before the turn did; see chat/messages for its outcome");
            _events.Writer.TryWrite(final);
        }
        Publish(events, desktop, messageId ?? final.MessageId, final.Type == ChatEventTypes.Done ? "done" : "error", final.Payload["code"]?.GetValue<string>());
        _events.Writer.TryComplete();
        _final.TrySetResult(final);
    }

    private static void Publish(EventPublisher events, Desktop desktop, string? messageId, string status, string? code)
    {
        var payload = new JsonObject
        {
            ["id"] = desktop.Metadata.Uid,
            ["name"] = desktop.Spec.DisplayName,
            ["messageId"] = messageId,
            ["status"] = status,
        };
        if (code is not null) payload["code"] = code;
        events.Publish(new EventDraft(desktop.Metadata.NamespaceProperty, EventTypes.DesktopChat, payload.ToJsonString()));
    }
}
