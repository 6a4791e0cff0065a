using System.Net;
using System.Text;
using LeBureau.ApiServer.Auth;
using LeBureau.ApiServer.Tests.Infrastructure;
using LeBureau.Resources;

namespace LeBureau.ApiServer.Tests.Integration;

/// <summary>Every route × every capability: a key holding only the route's capability passes the guard; any other gets 403 with required and held.</summary>
[Collection(ApiCollection.Name)]
public sealed class CapabilityMatrixTests(ApiServerFixture fixture) : IAsyncLifetime
{
    private const string Unknown = "11111111-2222-3333-4444-555555555555";
    private string _ns = "";
    private string _id = "";
    private string _task = "";
    private readonly Dictionary<Capability, string> _keys = [];

    // Method, path ({id}: a stopped desktop of the tenant; {unknown}: no desktop; {task}: a task on {id}), required capability, body.
    public static TheoryData<string, string, Capability, string?> Routes => new()
    {
        { "GET", "/api/desktops", Capability.DesktopRead, null },
        { "POST", "/api/desktops", Capability.DesktopManage, "{}" },
        { "GET", "/api/desktops/{id}", Capability.DesktopRead, null },
        { "PATCH", "/api/desktops/{id}", Capability.DesktopManage, "{}" },
        { "DELETE", "/api/desktops/{unknown}", Capability.DesktopManage, null },
        { "GET", "/api/desktops/{id}/metrics", Capability.DesktopRead, null },
        { "POST", "/api/desktops/{unknown}/start", Capability.DesktopLifecycle, null },
        { "POST", "/api/desktops/{unknown}/stop", Capability.DesktopLifecycle, null },
        { "POST", "/api/desktops/{unknown}/restart", Capability.DesktopLifecycle, null },
        { "POST", "/api/desktops/{id}/exec", Capability.DesktopControl, "{\"command\":\"true\"}" },
        { "POST", "/api/desktops/{id}/bash", Capability.DesktopControl, "{\"script\":\"true\"}" },
        { "GET", "/api/desktops/{id}/files?path=/tmp", Capability.DesktopControl, null },
        { "POST", "/api/desktops/{id}/files", Capability.DesktopControl, "{\"path\":\"/tmp/x\",\"content\":\"x\"}" },
        { "GET", "/api/desktops/{id}/screenshot", Capability.DesktopControl, null },
        { "POST", "/api/desktops/{id}/chat", Capability.DesktopChat, "{\"message\":\"hi\"}" },
        { "POST", "/api/desktops/{id}/chat/stream", Capability.DesktopChat, "{\"message\":\"hi\"}" },
        { "GET", "/api/desktops/{id}/chat/messages", Capability.DesktopChat, null },
        { "GET", "/v1/desktops", Capability.DesktopRead, null },
        { "GET", "/v1/desktops/{id}", Capability.DesktopRead, null },
        { "POST", "/v1/desktops/{unknown}/start", Capability.DesktopLifecycle, null },
        { "POST", "/v1/desktops/{unknown}/stop", Capability.DesktopLifecycle, null },
        { "POST", "/v1/desktops/{unknown}/restart", Capability.DesktopLifecycle, null },
        { "POST", "/v1/desktops/{id}/click", Capability.DesktopControl, "{\"x\":1,\"y\":1}" },
        { "POST", "/v1/desktops/{id}/drag", Capability.DesktopControl, "{\"start\":{\"x\":1,\"y\":1},\"end\":{\"x\":2,\"y\":2}}" },
        { "POST", "/v1/desktops/{id}/scroll", Capability.DesktopControl, "{\"direction\":\"down\",\"amount\":1}" },
        { "POST", "/v1/desktops/{id}/type", Capability.DesktopControl, "{\"text\":\"a\"}" },
        { "POST", "/v1/desktops/{id}/key", Capability.DesktopControl, "{\"keys\":\"Return\"}" },
        { "POST", "/v1/desktops/{id}/bash", Capability.DesktopControl, "{\"script\":\"true\"}" },
        { "POST", "/v1/desktops/{id}/exec", Capability.DesktopControl, "{\"command\":\"true\"}" },
        { "GET", "/v1/desktops/{id}/screenshot", Capability.DesktopControl, null },
        { "POST", "/v1/desktops/{id}/chat", Capability.DesktopChat, "{\"message\":\"hi\"}" },
        { "POST", "/v1/desktop", Capability.DesktopManage, "{\"timeout_ms\":1}" },
        { "GET", "/v1/desktop/{id}", Capability.DesktopRead, null },
        { "POST", "/v1/desktop/{unknown}/stop", Capability.DesktopLifecycle, null },
        { "POST", "/v1/desktop/{id}/computer-action", Capability.DesktopControl, "{\"type\":\"screenshot\"}" },
        { "POST", "/v1/desktop/{id}/bash-action", Capability.DesktopControl, "{\"command\":\"true\"}" },
        { "GET", "/api/mission-control/tasks", Capability.TasksRead, null },
        { "POST", "/api/mission-control/tasks", Capability.TasksWrite, "{}" },
        { "GET", "/api/mission-control/tasks/{task}", Capability.TasksRead, null },
        { "POST", "/api/mission-control/tasks/{task}/run", Capability.TasksWrite, null },
        { "POST", "/api/mission-control/tasks/{task}/review", Capability.TasksWrite, "{\"decision\":\"approve\"}" },
        { "POST", "/api/mission-control/tasks/{task}/cancel", Capability.TasksWrite, null },
        { "GET", "/api/mission-control/approvals", Capability.TasksRead, null },
    };

    public async Task InitializeAsync()
    {
        _ns = await fixture.CreateNamespaceAsync("matrix");
        foreach (var capability in ApiServerFixture.All)
        {
            _keys[capability] = await fixture.CreateKeyAsync(_ns, [capability]);
        }
        var desktop = await fixture.CreateDesktopAsync(_ns, running: false);
        _id = desktop.Metadata.Uid;
        _task = (await fixture.CreateTaskAsync(desktop)).Metadata.Uid;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Only_the_routes_capability_passes(string method, string path, Capability required, string? body)
    {
        var url = path.Replace("{id}", _id).Replace("{unknown}", Unknown).Replace("{task}", _task);
        foreach (var (capability, key) in _keys)
        {
            using var client = fixture.CreateClient(key);
            using var request = new HttpRequestMessage(new HttpMethod(method), url);
            if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            if (capability == required)
            {
                response.StatusCode.Should().NotBe(HttpStatusCode.Forbidden, $"{method} {path} with {capability}: {text}")
                    .And.NotBe(HttpStatusCode.Unauthorized).And.NotBe(HttpStatusCode.InternalServerError);
            }
            else
            {
                var json = await response.JsonAsync(HttpStatusCode.Forbidden);
                json.GetProperty("required").GetString().Should().Be(CapabilityPolicy.Name(required));
                json.GetProperty("held").EnumerateArray().Select(h => h.GetString()).Should().Equal(CapabilityPolicy.Name(capability));
            }
        }
    }

    [Fact]
    public async Task Me_answers_any_valid_key()
    {
        foreach (var key in _keys.Values)
        {
            (await fixture.CreateClient(key).GetAsync("/v1/me")).StatusCode.Should().Be(HttpStatusCode.OK);
        }
    }
}
