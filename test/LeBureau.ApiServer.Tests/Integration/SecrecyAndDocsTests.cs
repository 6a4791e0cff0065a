using System.Net;
using LeBureau.ApiServer.Tests.Infrastructure;

namespace LeBureau.ApiServer.Tests.Integration;

[Collection(ApiCollection.Name)]
public sealed class SecrecyAndDocsTests(ApiServerFixture fixture)
{
    [Fact]
    public async Task The_provider_key_is_in_no_CR_response_or_log_line()
    {
        var ns = await fixture.CreateNamespaceAsync("secret");
        using var client = fixture.CreateClient(await fixture.CreateKeyAsync(ns, ApiServerFixture.All));
        var providerKey = "sk-ant-" + Guid.NewGuid().ToString("N");
        var embeddingsKey = "sk-emb-" + Guid.NewGuid().ToString("N");
        var responses = new List<string>();
        var created = await client.PostJsonAsync("/api/desktops", new
        {
            name = "secretive", tier = "free",
            providerConfig = new { provider = "openai", apiKey = providerKey, embeddingsApiKey = embeddingsKey, embeddingsModel = "text-embedding-3-small" },
        });
        responses.Add(await created.Content.ReadAsStringAsync());
        var id = (await created.JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetString();
        responses.Add(await client.GetStringAsync("/api/desktops"));
        responses.Add(await client.GetStringAsync($"/api/desktops/{id}"));
        responses.Add(await client.GetStringAsync("/v1/desktops"));
        responses.Add(await (await client.PatchJsonAsync($"/api/desktops/{id}", new { keepAlive = true })).Content.ReadAsStringAsync());

        var crs = await fixture.Kubectl.RunAsync($"get desktops,apikeys -A -o json");
        crs.ExitCode.Should().Be(0, crs.ToString());
        foreach (var secret in new[] { providerKey, embeddingsKey })
        {
            crs.StdOut.Should().NotContain(secret);
            responses.Should().NotContain(r => r.Contains(secret));
            fixture.Logs.All.Should().NotContain(secret);
        }
        var secrets = await fixture.Kubectl.RunAsync($"-n {ns} get secrets -l lebureau.io/component=provider-key -o json");
        secrets.StdOut.Should().Contain(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(providerKey)), "the key lives in its Secret only");
        fixture.Logs.All.Should().NotContain(ApiServerFixture.AgentToken, "agent tokens are never logged");
    }

    [Fact]
    public async Task The_OpenAPI_document_covers_every_route_and_docs_are_served()
    {
        using var client = fixture.CreateClient(null);
        var document = await (await client.GetAsync("/openapi/v1.json")).JsonAsync(HttpStatusCode.OK);
        var paths = document.GetProperty("paths");
        string[] expected =
        [
            "/v1/me", "/api/desktops", "/api/desktops/{id}", "/api/desktops/{id}/metrics", "/api/desktops/{id}/start", "/api/desktops/{id}/stop",
            "/api/desktops/{id}/restart", "/api/desktops/{id}/exec", "/api/desktops/{id}/bash", "/api/desktops/{id}/files",
            "/api/desktops/{id}/screenshot", "/api/desktops/{id}/chat", "/api/desktops/{id}/chat/stream", "/api/desktops/{id}/chat/messages",
            "/v1/desktops", "/v1/desktops/{id}", "/v1/desktops/{id}/start", "/v1/desktops/{id}/click", "/v1/desktops/{id}/drag",
            "/v1/desktops/{id}/scroll", "/v1/desktops/{id}/type", "/v1/desktops/{id}/key", "/v1/desktops/{id}/bash", "/v1/desktops/{id}/exec",
            "/v1/desktops/{id}/screenshot", "/v1/desktops/{id}/chat", "/v1/desktop", "/v1/desktop/{id}", "/v1/desktop/{id}/stop",
            "/v1/desktop/{id}/computer-action", "/v1/desktop/{id}/bash-action",
            "/api/mission-control/tasks", "/api/mission-control/tasks/{id}", "/api/mission-control/tasks/{id}/run",
            "/api/mission-control/tasks/{id}/review", "/api/mission-control/tasks/{id}/cancel", "/api/mission-control/approvals",
        ];
        foreach (var path in expected) paths.TryGetProperty(path, out _).Should().BeTrue(path);
        var create = paths.GetProperty("/api/desktops").GetProperty("post");
        create.GetProperty("requestBody").GetRawText().Should().Contain("CreateDesktopRequest");
        create.GetProperty("responses").TryGetProperty("403", out _).Should().BeTrue();
        var createTask = paths.GetProperty("/api/mission-control/tasks").GetProperty("post");
        createTask.GetProperty("requestBody").GetRawText().Should().Contain("CreateTaskRequest");
        createTask.GetProperty("summary").GetString().Should().NotBeNullOrEmpty();
        paths.GetProperty("/api/mission-control/tasks/{id}/review").GetProperty("post").GetProperty("requestBody").GetRawText().Should().Contain("ReviewTaskRequest");
        foreach (var action in new[] { "run", "review", "cancel" })
        {
            paths.GetProperty($"/api/mission-control/tasks/{{id}}/{action}").GetProperty("post").GetProperty("responses").TryGetProperty("409", out _).Should().BeTrue(action);
        }
        paths.GetProperty("/v1/desktop/{id}/computer-action").GetProperty("post").GetProperty("responses").TryGetProperty("409", out _).Should().BeTrue();

        document.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("bearer", out _).Should().BeTrue();

        var docs = await client.GetAsync("/docs");
        docs.StatusCode.Should().Be(HttpStatusCode.OK);
        (await docs.Content.ReadAsStringAsync()).Should().Contain("openapi");
    }
}
