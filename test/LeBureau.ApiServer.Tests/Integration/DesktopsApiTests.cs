using System.Net;
using System.Text.Json;
using k8s;
using LeBureau.ApiServer.Chat;
using LeBureau.ApiServer.Tests.Infrastructure;
using LeBureau.Operator.Runtime;
using LeBureau.Resources;

namespace LeBureau.ApiServer.Tests.Integration;

[Collection(ApiCollection.Name)]
public sealed class DesktopsApiTests(ApiServerFixture fixture)
{
    private static object CreateBody(string name = "my-agent", string tier = "pro", string providerKey = "sk-ant-test") => new
    {
        name,
        tier,
        providerConfig = new { provider = "anthropic", apiKey = providerKey, model = "claude-sonnet-4" },
    };

    [Fact]
    public async Task Create_answers_201_with_the_desktop_and_a_generated_name()
    {
        var ns = await fixture.CreateNamespaceAsync("create");
        using var client = fixture.CreateClient(await fixture.CreateKeyAsync(ns, ApiServerFixture.All));
        var response = await client.PostJsonAsync("/api/desktops", CreateBody());
        var body = await response.JsonAsync(HttpStatusCode.Created);
        var id = body.GetProperty("id").GetString()!;
        Guid.TryParse(id, out _).Should().BeTrue();
        body.GetProperty("name").GetString().Should().Be("my-agent");
        body.GetProperty("tier").GetString().Should().Be("pro");
        body.GetProperty("status").GetString().Should().Be("pending");
        body.GetProperty("keepAlive").GetBoolean().Should().BeFalse();
        body.GetProperty("agentReady").GetBoolean().Should().BeFalse();
        response.Headers.Location!.ToString().Should().Be($"/api/desktops/{id}");

        var desktops = await fixture.Client.CustomObjects.ListNamespacedCustomObjectAsync<ObjectList<Desktop>>(
            Desktop.Group, Desktop.Version, ns, Desktop.Plural);
        var desktop = desktops.Items.Should().ContainSingle().Subject;
        desktop.Metadata.Name.Should().StartWith("desktop-");
        desktop.Spec.Provider!.Name.Should().Be(ProviderName.Anthropic);
        desktop.Spec.Provider.Model.Should().Be("claude-sonnet-4");
        var secret = await fixture.Client.ReadNamespacedSecretAsync(desktop.Spec.Provider.SecretRef.Name, ns);
        System.Text.Encoding.UTF8.GetString(secret.Data["apiKey"]).Should().Be("sk-ant-test");
        secret.Metadata.OwnerReferences.Should().ContainSingle(o => o.Uid == desktop.Metadata.Uid);
    }

    [Fact]
    public async Task List_get_patch_and_delete_work_from_the_cache()
    {
        var ns = await fixture.CreateNamespaceAsync("crud");
        using var client = fixture.CreateClient(await fixture.CreateKeyAsync(ns, ApiServerFixture.All));
        var id = (await (await client.PostJsonAsync("/api/desktops", CreateBody("first"))).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetString();

        var list = await (await client.GetAsync("/api/desktops")).JsonAsync(HttpStatusCode.OK);
        list.EnumerateArray().Select(d => d.GetProperty("id").GetString()).Should().Equal(id);
        var v1 = await (await client.GetAsync("/v1/desktops")).JsonAsync(HttpStatusCode.OK);
        v1.EnumerateArray().Select(d => d.GetProperty("id").GetString()).Should().Equal(id);

        var got = await (await client.GetAsync($"/api/desktops/{id}")).JsonAsync(HttpStatusCode.OK);
        got.GetProperty("name").GetString().Should().Be("first");
        got.GetProperty("createdAt").GetDateTimeOffset().Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
        got.GetProperty("createdAt").GetString().Should().MatchRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$", "RFC 3339 in UTC with a Z, as the seeds write it");

        var patched = await (await client.PatchJsonAsync($"/api/desktops/{id}", new { name = "renamed", keepAlive = true })).JsonAsync(HttpStatusCode.OK);
        patched.GetProperty("name").GetString().Should().Be("renamed");
        patched.GetProperty("keepAlive").GetBoolean().Should().BeTrue();
        (await (await client.GetAsync($"/v1/desktops/{id}")).JsonAsync(HttpStatusCode.OK)).GetProperty("name").GetString().Should().Be("renamed");

        (await client.DeleteAsync($"/api/desktops/{id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await fixture.WaitForCachesAsync(c => c.Desktops.List(ns).Count() == 0);
        (await client.GetAsync($"/api/desktops/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.DeleteAsync($"/api/desktops/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    [InlineData("not-a-uuid")]
    public async Task An_unknown_or_malformed_id_is_404(string id)
    {
        var ns = await fixture.CreateNamespaceAsync("missing");
        using var client = fixture.CreateClient(await fixture.CreateKeyAsync(ns, ApiServerFixture.All));
        var body = await (await client.GetAsync($"/api/desktops/{id}")).JsonAsync(HttpStatusCode.NotFound);
        body.GetProperty("detail").GetString().Should().Be("Desktop not found");
        (await client.PostAsync($"/api/desktops/{id}/start", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.PostJsonAsync($"/api/desktops/{id}/exec", new { command = "true" })).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("{\"name\":\"x\",\"tier\":\"giant\",\"providerConfig\":{\"provider\":\"openai\",\"apiKey\":\"k\"}}", "tier")]
    [InlineData("{\"name\":\"x\",\"tier\":\"free\",\"providerConfig\":{\"provider\":\"mistral\",\"apiKey\":\"k\"}}", "providerConfig.provider")]
    [InlineData("{\"name\":5,\"tier\":\"free\",\"providerConfig\":{\"provider\":\"openai\",\"apiKey\":\"k\"}}", "name")]
    [InlineData("{\"tier\":\"free\",\"providerConfig\":{\"provider\":\"openai\",\"apiKey\":\"k\"}}", "name")]
    [InlineData("{\"name\":\"x\",\"providerConfig\":{\"provider\":\"openai\",\"apiKey\":\"k\"}}", "tier")]
    [InlineData("{\"name\":\"x\",\"tier\":\"free\"}", "providerConfig")]
    [InlineData("{\"name\":\"x\",\"tier\":\"free\",\"providerConfig\":{\"provider\":\"openai\"}}", "providerConfig.apiKey")]
    [InlineData("{\"name\":\"x\",\"tier\":", "JSON")]
    [InlineData("[]", "JSON")]
    public async Task Bad_create_bodies_are_400_naming_the_field_and_create_nothing(string json, string field)
    {
        var ns = await fixture.CreateNamespaceAsync("bad");
        using var client = fixture.CreateClient(await fixture.CreateKeyAsync(ns, ApiServerFixture.All));
        var body = await (await client.PostRawAsync("/api/desktops", json)).JsonAsync(HttpStatusCode.BadRequest);
        body.GetProperty("detail").GetString().Should().Contain(field);
        (await fixture.Client.CustomObjects.ListNamespacedCustomObjectAsync<ObjectList<Desktop>>(Desktop.Group, Desktop.Version, ns, Desktop.Plural))
            .Items.Should().BeEmpty();
        (await fixture.Client.ListNamespacedSecretAsync(ns, labelSelector: Labels.Component + "=provider-key")).Items.Should().BeEmpty();
    }

    [Fact]
    public async Task An_oversized_body_is_413()
    {
        var ns = await fixture.CreateNamespaceAsync("huge");
        using var client = fixture.CreateClient(await fixture.CreateKeyAsync(ns, ApiServerFixture.All));
        var name = new string('x', 9 * 1024 * 1024);
        var response = await client.PostJsonAsync("/api/desktops", CreateBody(name));
        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Patch_validates_its_fields()
    {
        var ns = await fixture.CreateNamespaceAsync("patch");
        using var client = fixture.CreateClient(await fixture.CreateKeyAsync(ns, ApiServerFixture.All));
        var desktop = await fixture.CreateDesktopAsync(ns);
        var id = desktop.Metadata.Uid;
        (await (await client.PatchJsonAsync($"/api/desktops/{id}", new { keepAlive = "yes" })).JsonAsync(HttpStatusCode.BadRequest))
            .GetProperty("detail").GetString().Should().Contain("keepAlive");
        (await (await client.PatchJsonAsync($"/api/desktops/{id}", new { name = "" })).JsonAsync(HttpStatusCode.BadRequest))
            .GetProperty("detail").GetString().Should().Contain("name");
        (await client.PatchJsonAsync($"/api/desktops/{id}", new { })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Chat_on_a_desktop_whose_agent_has_no_provider_is_409_saying_so_and_its_history_is_empty()
    {
        var ns = await fixture.CreateNamespaceAsync("chat");
        using var client = fixture.CreateClient(await fixture.CreateKeyAsync(ns, ApiServerFixture.All));
        var id = (await fixture.CreateControllableDesktopAsync(ns)).Metadata.Uid;
        foreach (var response in new[]
        {
            await client.PostJsonAsync($"/api/desktops/{id}/chat", new { message = "hi" }),
            await client.PostJsonAsync($"/api/desktops/{id}/chat/stream", new { message = "hi" }),
            await client.PostJsonAsync($"/v1/desktops/{id}/chat", new { message = "hi" }),
        })
        {
            (await response.JsonAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString().Should().Contain("no LLM provider");
        }
        (await (await client.GetAsync($"/api/desktops/{id}/chat/messages")).JsonAsync(HttpStatusCode.OK)).GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task Chat_routes_are_503_unless_running_and_agent_ready()
    {
        var ns = await fixture.CreateNamespaceAsync("chatboot");
        using var client = fixture.CreateClient(await fixture.CreateKeyAsync(ns, ApiServerFixture.All));
        var desktop = await fixture.CreateDesktopAsync(ns);
        await fixture.SetStatusAsync(desktop, DesktopPhase.Booting);
        var id = desktop.Metadata.Uid;
        (await client.PostJsonAsync($"/api/desktops/{id}/chat", new { message = "hi" })).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await client.PostJsonAsync($"/api/desktops/{id}/chat/stream", new { message = "hi" })).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await client.GetAsync($"/api/desktops/{id}/chat/messages")).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await client.PostJsonAsync($"/v1/desktops/{id}/chat", new { message = "hi" })).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
    }

    [Theory]
    [InlineData("{}", "'message' is required")]
    [InlineData("{\"message\":null}", "'message' is required")]
    [InlineData("{\"message\":\"   \"}", "must not be empty")]
    [InlineData("{\"message\":\"\"}", "must not be empty")]
    [InlineData("{\"message\":42}", "must be a string")]
    [InlineData("{\"message\":[\"a\"]}", "must be a string")]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[\"hi\"]", "must be a JSON object")]
    public async Task A_malformed_chat_body_is_400_before_anything_else_even_on_a_desktop_that_is_not_ready(string body, string detail)
    {
        var ns = await fixture.CreateNamespaceAsync("chatbad");
        using var client = fixture.CreateClient(await fixture.CreateKeyAsync(ns, ApiServerFixture.All));
        var desktop = await fixture.CreateDesktopAsync(ns);
        var id = desktop.Metadata.Uid;
        foreach (var path in new[] { $"/api/desktops/{id}/chat", $"/api/desktops/{id}/chat/stream", $"/v1/desktops/{id}/chat" })
        {
            (await (await client.PostRawAsync(path, body)).JsonAsync(HttpStatusCode.BadRequest)).GetProperty("detail").GetString().Should().Contain(detail);
        }
        (await (await client.PostJsonAsync($"/api/desktops/{id}/chat", new { message = new string('x', ChatApi.MaxMessageLength + 1) }))
            .JsonAsync(HttpStatusCode.BadRequest)).GetProperty("detail").GetString().Should().Contain("at most 32000");
    }

    [Fact]
    public async Task Control_routes_are_503_unless_running_and_agent_ready()
    {
        var ns = await fixture.CreateNamespaceAsync("notready");
        using var client = fixture.CreateClient(await fixture.CreateKeyAsync(ns, ApiServerFixture.All));
        var desktop = await fixture.CreateDesktopAsync(ns);
        await fixture.SetStatusAsync(desktop, DesktopPhase.Booting);
        var id = desktop.Metadata.Uid;
        (await client.PostJsonAsync($"/api/desktops/{id}/exec", new { command = "true" })).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await client.GetAsync($"/api/desktops/{id}/screenshot")).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await client.PostJsonAsync($"/v1/desktops/{id}/click", new { x = 1, y = 1 })).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await client.GetAsync($"/api/desktops/{id}/metrics")).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        await fixture.SetStatusAsync(desktop, DesktopPhase.Running, agentReady: false);
        (await client.PostJsonAsync($"/api/desktops/{id}/bash", new { script = "true" })).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
    }
}
