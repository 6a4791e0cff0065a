using System.Diagnostics;

namespace LeBureau.StreamBench;

/// <summary>N concurrent SSE connections that note when each first sees a given status after a round starts.</summary>
public sealed class SseClients(string url, int count) : IAsyncDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = int.MaxValue,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        UseProxy = false,
    }) { Timeout = Timeout.InfiniteTimeSpan };
    private readonly CancellationTokenSource _stop = new();
    private readonly long[] _received = new long[count];
    private readonly List<Task> _readers = [];
    private volatile string _target = "";
    private int _connected;

    /// <summary>Clients whose stream is open.</summary>
    public int Connected => Volatile.Read(ref _connected);

    /// <summary>Opens every connection (at most <paramref name="parallel"/> handshakes at a time).</summary>
    public async Task OpenAsync(int parallel = 100)
    {
        using var gate = new SemaphoreSlim(parallel);
        for (var i = 0; i < count; i++)
        {
            await gate.WaitAsync();
            var index = i;
            var opened = new TaskCompletionSource();
            _readers.Add(Task.Run(() => ReadAsync(index, opened)));
            _ = opened.Task.ContinueWith(_ => gate.Release(), TaskScheduler.Default);
        }
        while (Connected < count) await Task.Delay(50);
    }

    /// <summary>Starts a round: from now on, the first event with <c>"status":"<paramref name="status"/>"</c> is timed.</summary>
    public void Expect(string status)
    {
        Array.Clear(_received);
        _target = $"\"status\":\"{status}\"";
    }

    /// <summary>Clients that have seen the round's status.</summary>
    public int Received => _received.Count(t => t != 0);

    /// <summary>Receipt timestamps (Stopwatch ticks) of this round.</summary>
    public IReadOnlyList<long> Timestamps => _received;

    private async Task ReadAsync(int index, TaskCompletionSource opened)
    {
        try
        {
            using var response = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, _stop.Token);
            response.EnsureSuccessStatusCode();
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(_stop.Token));
            Interlocked.Increment(ref _connected);
            opened.TrySetResult();
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                if (line.StartsWith("data:", StringComparison.Ordinal) && _target.Length > 0 && line.Contains(_target, StringComparison.Ordinal)
                    && _received[index] == 0)
                {
                    _received[index] = Stopwatch.GetTimestamp();
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException)
        {
            opened.TrySetResult();
            if (!_stop.IsCancellationRequested) Console.Error.WriteLine($"client {index}: {e.Message}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_readers).ContinueWith(_ => { }, TaskScheduler.Default);
        _http.Dispose();
        _stop.Dispose();
    }
}
