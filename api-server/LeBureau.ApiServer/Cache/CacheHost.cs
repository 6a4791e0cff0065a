namespace LeBureau.ApiServer.Cache;

/// <summary>Runs the informers for the lifetime of the host; start completes once every one has listed.</summary>
internal sealed class CacheHost(ResourceCaches caches) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _running = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _running = caches.RunAsync(_stopping.Token);
        await caches.WaitForSyncAsync(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _running.WaitAsync(cancellationToken);
    }

    public void Dispose() => _stopping.Dispose();
}
