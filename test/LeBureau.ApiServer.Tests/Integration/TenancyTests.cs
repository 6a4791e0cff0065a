using System.Net;
using System.Text;
using LeBureau.ApiServer.Tests.Infrastructure;
using LeBureau.Resources;

namespace LeBureau.ApiServer.Tests.Integration;

[Collection(ApiCollection.Name)]
public sealed class TenancyTests(ApiServerFixture fixture)
{
    [Fact]
    public async Task Another_tenants_desktop_is_403_revealing_nothing_and_never_listed()
    {
        var alice = await fixture.CreateNamespaceAsync("alice");
        var bob = await fixture.CreateNamespaceAsync("bob");
        var aliceKey = await fixture.CreateKeyAsync(alice, ApiServerFixture.All);
        var bobs = await fixture.CreateControllableDesktopAsync(bob);
        var id = bobs.Metadata.Uid;
        using var client = fixture.CreateClient(aliceKey);

        var requests = new (string Method, string Path, string? Body)[]
        {
            ("GET", $"/api/desktops/{id}", null), ("PATCH", $"/api/desktops/{id}", "{\"name\":\"mine\"}"), ("DELETE", $"/api/desktops/{id}", null),
            ("GET", $"/api/desktops/{id}/metrics", null), ("POST", $"/api/desktops/{id}/stop", null), ("POST", $"/api/desktops/{id}/restart", null),
            ("POST", $"/api/desktops/{id}/exec", "{\"command\":\"id\"}"), ("GET", $"/api/desktops/{id}/screenshot", null),
            ("GET", $"/api/desktops/{id}/files?path=/", null), ("POST", $"/api/desktops/{id}/chat", "{\"message\":\"hi\"}"),
            ("GET", $"/v1/desktops/{id}", null), ("POST", $"/v1/desktops/{id}/click", "{\"x\":1,\"y\":1}"),
            ("GET", $"/v1/desktop/{id}", null), ("POST", $"/v1/desktop/{id}/stop", null),
            ("POST", $"/v1/desktop/{id}/computer-action", "{\"type\":\"screenshot\"}"), ("POST", $"/v1/desktop/{id}/bash-action", "{\"command\":\"id\"}"),
        };
        foreach (var (method, path, body) in requests)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            response.StatusCode.Should().Be(HttpStatusCode.Forbidden, $"{method} {path}: {text}");
            text.Should().Contain("Desktop belongs to another user");
            text.Should().NotContain(bobs.Metadata.Name).And.NotContain(bob).And.NotContain(bobs.Spec.DisplayName).And.NotContain("127.0.0.1");
        }

        (await (await client.GetAsync("/api/desktops")).Content.ReadAsStringAsync()).Should().Be("[]");
        (await (await client.GetAsync("/v1/desktops")).Content.ReadAsStringAsync()).Should().Be("[]");
        var unchanged = await fixture.ReadDesktopAsync(bobs);
        unchanged.Metadata.DeletionTimestamp.Should().BeNull();
        unchanged.Spec.Running.Should().BeTrue();
        unchanged.Spec.DisplayName.Should().Be(bobs.Spec.DisplayName);
    }
}
