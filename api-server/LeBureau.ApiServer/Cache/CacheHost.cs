namespace LeBureau.ApiServer.Cache;

/// <summary>Runs the watch caches for the lifetime of the host; start completes once every cache has listed.</summary>
internal sealed class CacheHost(ResourceCaches caches) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await caches.ApiKeys.StartAsync(cancellationToken);
        await caches.Desktops.StartAsync(cancellationToken);
        await caches.AgentTokens.StartAsync(cancellationToken);
        await caches.WaitForSyncAsync(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await caches.ApiKeys.StopAsync(cancellationToken);
        await caches.Desktops.StopAsync(cancellationToken);
        await caches.AgentTokens.StopAsync(cancellationToken);
    }
}
