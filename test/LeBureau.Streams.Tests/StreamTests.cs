using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeBureau.ControlPlane;
using LeBureau.Events;
using LeBureau.Resources;
using LeBureau.Testing;

namespace LeBureau.Streams.Tests;

/// <summary>Seed 003's streams, consumed the ways the seed shows, for desktops created through the API on the real stack.</summary>
public sealed class StreamTests(StreamStack stack) : IClassFixture<StreamStack>
{
    private static readonly TimeSpan Boot = TimeSpan.FromSeconds(120);

    private async Task<string> CreateDesktopAsync(HttpClient api, string name)
    {
        var response = await api.PostAsJsonAsync("/api/desktops", new
        {
            name, tier = "free", providerConfig = new { provider = "anthropic", apiKey = "sk-ant-streams-" + Guid.NewGuid().ToString("N") },
        });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static Uri Stream(Uri server, string? apiKey = null) =>
        new(server, "/api/desktops/stream" + (apiKey is null ? "" : $"?apiKey={apiKey}"));

    [Fact]
    public async Task Browser_node_and_plain_http_consumers_receive_status_and_agent_ready_and_other_tenants_nothing()
    {
        var keyA = await stack.KeyAsync(stack.TenantA, Enum.GetValues<Capability>());
        var keyB = await stack.KeyAsync(stack.TenantB, Enum.GetValues<Capability>());
        using var api = StreamStack.Http(stack.AddressA, keyA);

        await using var browser = await BrowserEventSource.OpenAsync(stack.AddressA, $"/api/desktops/stream?apiKey={keyA}");
        using var node = new NodeEventSource(Stream(stack.AddressB), keyA);
        await using var plainA = await SseReader.OpenAsync(Stream(stack.AddressA), keyA);
        await using var plainB = await SseReader.OpenAsync(Stream(stack.AddressB), keyA);
        await using var otherTenant = await SseReader.OpenAsync(Stream(stack.AddressA), keyB);
        await using var activity = await SseReader.OpenAsync(new Uri(stack.AddressA, "/api/mission-control/activity/stream"), keyA);
        plainA.Response.StatusCode.Should().Be(HttpStatusCode.OK);
        plainA.Response.Content.Headers.ContentType!.MediaType.Should().Be("text/event-stream");
        (await WaitFor.ConditionAsync(_ => Task.FromResult(node.Errors.Contains("open")), TimeSpan.FromSeconds(30))).Should().BeTrue();

        var id = await CreateDesktopAsync(api, "streamed");

        var everyoneHasIt = await WaitFor.ConditionAsync(async _ =>
            plainA.Has(EventTypes.DesktopAgentReady, id) && plainB.Has(EventTypes.DesktopAgentReady, id)
            && node.Has(EventTypes.DesktopAgentReady, id) && await browser.HasAsync(EventTypes.DesktopAgentReady, id), Boot,
            TimeSpan.FromMilliseconds(250));
        everyoneHasIt.Should().BeTrue($"plain A: {plainA.Events.Count}, plain B: {plainB.Events.Count}, node: {node.Events.Count} ({string.Join(" | ", node.Errors)})");
        plainA.Has(EventTypes.DesktopStatus, id, "running").Should().BeTrue();
        plainB.Has(EventTypes.DesktopStatus, id, "running").Should().BeTrue();
        node.Has(EventTypes.DesktopStatus, id).Should().BeTrue();
        (await browser.HasAsync(EventTypes.DesktopStatus, id)).Should().BeTrue();
        (await WaitFor.ConditionAsync(_ => Task.FromResult(activity.Has(EventTypes.DesktopStarted, id)), TimeSpan.FromSeconds(10))).Should().BeTrue();
        activity.Events.Should().NotContain(e => e.Type == EventTypes.DesktopStatus, "the activity stream carries lifecycle events only");

        // Two replicas: each client saw every event of the desktop exactly once, with the same ids.
        var idsA = plainA.Events.Select(e => e.Id).ToList();
        idsA.Should().OnlyHaveUniqueItems().And.BeInAscendingOrder(Comparer<string>.Create((x, y) => StreamId.Parse(x).CompareTo(StreamId.Parse(y))));
        plainB.Events.Select(e => e.Id).Should().Equal(idsA);

        // The other tenant never sees this desktop: not in its stream, nor in its list.
        otherTenant.Events.Should().BeEmpty();
        using var apiB = StreamStack.Http(stack.AddressA, keyB);
        (await apiB.GetStringAsync("/api/desktops")).Should().NotContain(id);
    }

    [Fact]
    public async Task After_a_forced_disconnect_last_event_id_replays_everything_missed()
    {
        var key = await stack.KeyAsync(stack.TenantA, Capability.DesktopRead, Capability.DesktopManage, Capability.DesktopLifecycle);
        using var api = StreamStack.Http(stack.AddressA, key);
        await using var continuous = await SseReader.OpenAsync(Stream(stack.AddressB), key);
        var id = await CreateDesktopAsync(api, "replayed");
        string lastSeen;
        await using (var dropped = await SseReader.OpenAsync(Stream(stack.AddressA), key))
        {
            (await WaitFor.ConditionAsync(_ => Task.FromResult(dropped.Has(EventTypes.DesktopStatus, id)), Boot)).Should().BeTrue();
            lastSeen = dropped.Events.First(e => e.Type == EventTypes.DesktopStatus && e.Payload.GetProperty("id").GetString() == id).Id;
        }

        // While disconnected: the desktop boots and is stopped.
        (await WaitFor.ConditionAsync(_ => Task.FromResult(continuous.Has(EventTypes.DesktopAgentReady, id)), Boot)).Should().BeTrue();
        (await api.PostAsync($"/api/desktops/{id}/stop", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await WaitFor.ConditionAsync(_ => Task.FromResult(continuous.Has(EventTypes.DesktopStatus, id, "stopped")), Boot)).Should().BeTrue();

        await using var resumed = await SseReader.OpenAsync(Stream(stack.AddressA), key, lastEventId: lastSeen);
        var missed = continuous.Events.SkipWhile(e => e.Id != lastSeen).Skip(1).Select(e => e.Id).ToList();
        missed.Should().NotBeEmpty($"continuous saw {string.Join(", ", continuous.Events.Select(e => $"{e.Id} {e.Type}"))}; last seen {lastSeen}");
        (await WaitFor.ConditionAsync(_ => Task.FromResult(resumed.Events.Count >= missed.Count), TimeSpan.FromSeconds(10))).Should().BeTrue();
        resumed.Events.Select(e => e.Id).Take(missed.Count).Should().Equal(missed, "replay starts right after Last-Event-ID and loses nothing");
    }

    [Fact]
    public async Task A_malformed_last_event_id_starts_from_now_and_says_so_first()
    {
        var key = await stack.KeyAsync(stack.TenantA, Capability.DesktopRead);
        await using var reader = await SseReader.OpenAsync(Stream(stack.AddressA), key, lastEventId: "yesterday");

        (await WaitFor.ConditionAsync(_ => Task.FromResult(!reader.Events.IsEmpty), TimeSpan.FromSeconds(10))).Should().BeTrue();
        var first = reader.Events.First();
        first.Type.Should().Be(EventTypes.StreamReset);
        first.Payload.GetProperty("reason").GetString().Should().Contain("starts from now");
    }

    [Fact]
    public async Task Stopping_an_api_server_ends_its_open_streams_promptly()
    {
        var key = await stack.KeyAsync(stack.TenantA, Capability.DesktopRead);
        var address = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var replica = await stack.StartReplicaAsync(address);
        await using var reader = await SseReader.OpenAsync(Stream(address), key);
        reader.Response.StatusCode.Should().Be(HttpStatusCode.OK);
        reader.Ended.Should().BeFalse("the stream stays open while the server runs");

        var stopping = replica.StopAsync();
        var ended = await WaitFor.ConditionAsync(_ => Task.FromResult(reader.Ended), TimeSpan.FromSeconds(10));
        await stopping;
        await replica.DisposeAsync();

        ended.Should().BeTrue("shutdown closes open streams instead of waiting out the host's shutdown timeout (30 s)");
    }

    [Fact]
    public async Task Streams_need_a_key_with_the_right_capability()
    {
        var readOnly = await stack.KeyAsync(stack.TenantA, Capability.DesktopRead);
        using var anonymous = new HttpClient();
        (await anonymous.GetAsync(Stream(stack.AddressA), HttpCompletionOption.ResponseHeadersRead)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var activity = await anonymous.GetAsync(new Uri(stack.AddressA, $"/api/mission-control/activity/stream?apiKey={readOnly}"),
            HttpCompletionOption.ResponseHeadersRead);
        activity.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await activity.Content.ReadAsStringAsync()).Should().Contain("tasks:read");
        using var unknownParameters = await anonymous.GetAsync(new Uri(stack.AddressA, $"/api/desktops/stream?apiKey={readOnly}&colour=blue"),
            HttpCompletionOption.ResponseHeadersRead);
        unknownParameters.StatusCode.Should().Be(HttpStatusCode.OK, "unknown query parameters are ignored");
    }

    [Fact]
    public async Task Redis_restarted_mid_stream_the_rest_api_keeps_working_and_no_event_is_lost()
    {
        var key = await stack.KeyAsync(stack.TenantA, Capability.DesktopRead, Capability.DesktopManage, Capability.DesktopLifecycle);
        using var api = StreamStack.Http(stack.AddressA, key);
        await using var reader = await SseReader.OpenAsync(Stream(stack.AddressB), key);
        var id = await CreateDesktopAsync(api, "through-a-redis-restart");
        (await WaitFor.ConditionAsync(_ => Task.FromResult(reader.Has(EventTypes.DesktopAgentReady, id)), Boot)).Should().BeTrue();

        stack.Redis.Stop();
        try
        {
            (await api.GetAsync($"/api/desktops/{id}")).StatusCode.Should().Be(HttpStatusCode.OK, "REST does not need Redis");
            (await api.PostAsync($"/api/desktops/{id}/stop", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        }
        finally
        {
            await stack.Redis.StartAsync();
        }

        (await WaitFor.ConditionAsync(_ => Task.FromResult(reader.Has(EventTypes.DesktopStatus, id, "stopped")), TimeSpan.FromSeconds(60)))
            .Should().BeTrue("the event published while Redis was down arrives once it is back");
        reader.Events.Select(e => e.Id).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task The_events_of_a_desktop_deleted_mid_stream_arrive_in_order_ending_with_destroyed()
    {
        var key = await stack.KeyAsync(stack.TenantA, Capability.DesktopRead, Capability.DesktopManage);
        using var api = StreamStack.Http(stack.AddressA, key);
        await using var reader = await SseReader.OpenAsync(Stream(stack.AddressB), key);
        var id = await CreateDesktopAsync(api, "deleted-mid-stream");
        (await WaitFor.ConditionAsync(_ => Task.FromResult(reader.Has(EventTypes.DesktopStatus, id, "running")), Boot)).Should().BeTrue();

        (await api.DeleteAsync($"/api/desktops/{id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await WaitFor.ConditionAsync(_ => Task.FromResult(reader.Has(EventTypes.DesktopStatus, id, "destroyed")), Boot)).Should().BeTrue();
        var statuses = reader.Events
            .Where(e => e.Type == EventTypes.DesktopStatus && e.Payload.GetProperty("id").GetString() == id)
            .Select(e => e.Payload.GetProperty("status").GetString())
            .ToList();
        statuses.IndexOf("running").Should().BeLessThan(statuses.IndexOf("destroyed"));
        statuses.Last().Should().Be("destroyed");
        statuses.Should().OnlyHaveUniqueItems("no transition is reported twice");
    }
}
