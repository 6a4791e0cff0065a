using LeBureau.ControlPlane;
using LeBureau.Events;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace LeBureau.Events.Tests;

/// <summary>A real redis-server plus helpers to make publishers and hubs (api-server replicas) against it.</summary>
public sealed class RedisEvents : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _owned = [];

    public RedisServer Redis { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // A folder of its own turns on append-only persistence, so a restart keeps the streams.
        Redis = await RedisServer.StartAsync(Directory.CreateTempSubdirectory("lebureau-events-").FullName);
    }

    public async Task<RedisEventLog> LogAsync(EventStreamOptions? options = null)
    {
        options ??= new EventStreamOptions { ConnectionString = Redis.ConnectionString };
        var mux = await ConnectionMultiplexer.ConnectAsync(options.ConnectionString);
        _owned.Add(mux);
        return new RedisEventLog(mux, options);
    }

    public async Task<EventPublisher> PublisherAsync(EventStreamOptions? options = null)
    {
        var publisher = new EventPublisher(await LogAsync(options), NullLogger<EventPublisher>.Instance);
        await publisher.StartAsync(CancellationToken.None);
        _owned.Add(new Stopper(publisher.StopAsync));
        return publisher;
    }

    public async Task<EventHub> HubAsync(EventStreamOptions? options = null)
    {
        var log = await LogAsync(options);
        var mux = await ConnectionMultiplexer.ConnectAsync(options?.ConnectionString ?? Redis.ConnectionString);
        _owned.Add(mux);
        var hub = new EventHub(mux, log, NullLogger<EventHub>.Instance);
        await hub.StartAsync(CancellationToken.None);
        _owned.Add(new Stopper(hub.StopAsync));
        await hub.Subscribed.WaitAsync(TimeSpan.FromSeconds(10));
        return hub;
    }

    public async Task DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--) await _owned[i].DisposeAsync();
        await Redis.DisposeAsync();
    }

    private sealed class Stopper(Func<CancellationToken, Task> stop) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await stop(CancellationToken.None);
    }
}
