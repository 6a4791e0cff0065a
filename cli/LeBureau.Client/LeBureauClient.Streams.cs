using System.Runtime.CompilerServices;

namespace LeBureau.Client;

public sealed partial class LeBureauClient
{
    /// <summary>
    /// The desktop event stream (desktop.status, desktop.agentReady, desktop.metrics …) until cancelled or the server
    /// ends it; <paramref name="lastEventId"/> replays what came after it. Needs desktop:read.
    /// </summary>
    public IAsyncEnumerable<StreamEvent> WatchDesktopsAsync(string? lastEventId = null, CancellationToken cancellationToken = default) =>
        StreamAsync("api/desktops/stream", lastEventId, cancellationToken);

    /// <summary>The mission-control activity stream (task.*, approval.*). Needs tasks:read.</summary>
    public IAsyncEnumerable<StreamEvent> WatchActivityAsync(string? lastEventId = null, CancellationToken cancellationToken = default) =>
        StreamAsync("api/mission-control/activity/stream", lastEventId, cancellationToken);

    private async IAsyncEnumerable<StreamEvent> StreamAsync(string path, string? lastEventId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        await foreach (var item in ReadEventsAsync(response, cancellationToken))
        {
            yield return item;
        }
    }
}
