using k8s;

namespace LeBureau.ApiServer.Cache;

/// <summary>How a <see cref="WatchCache{T}"/> lists and watches one kind.</summary>
/// <param name="Kind">For log lines.</param>
/// <param name="List">Lists every object; returns them and the list's resourceVersion.</param>
/// <param name="Watch">Watches from a resourceVersion.</param>
internal sealed record ListWatchSource<T>(
    string Kind,
    Func<CancellationToken, Task<(IList<T> Items, string ResourceVersion)>> List,
    Func<string, CancellationToken, IAsyncEnumerable<(WatchEventType Type, T Object)>> Watch);
