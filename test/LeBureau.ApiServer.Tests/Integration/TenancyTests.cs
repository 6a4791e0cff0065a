using System.Net;
using System.Text;
using k8s;
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

    [Fact]
    public async Task Another_tenants_tasks_are_403_on_every_task_route_and_never_listed()
    {
        var alice = await fixture.CreateNamespaceAsync("alice");
        var bob = await fixture.CreateNamespaceAsync("bob");
        var aliceKey = await fixture.CreateKeyAsync(alice, ApiServerFixture.All);
        var bobsDesktop = await fixture.CreateDesktopAsync(bob, "bob's secret project");
        var bobsTask = await fixture.CreateTaskAsync(bobsDesktop, "cat bobs-secret-plan.txt", requiresApproval: true);
        var id = bobsTask.Metadata.Uid;
        await fixture.SetTaskStatusAsync(id, TaskPhase.Review, new { output = "bob's output" });
        using var client = fixture.CreateClient(aliceKey);

        var requests = new (string Method, string Path, string? Body, string Detail)[]
        {
            ("GET", $"/api/mission-control/tasks/{id}", null, "Task belongs to another user"),
            ("POST", $"/api/mission-control/tasks/{id}/run", null, "Task belongs to another user"),
            ("POST", $"/api/mission-control/tasks/{id}/review", "{\"decision\":\"approve\"}", "Task belongs to another user"),
            ("POST", $"/api/mission-control/tasks/{id}/cancel", null, "Task belongs to another user"),
            ("POST", "/api/mission-control/tasks", $"{{\"type\":\"command\",\"content\":\"id\",\"desktopId\":\"{bobsDesktop.Metadata.Uid}\"}}",
                "Desktop belongs to another user"),
        };
        foreach (var (method, path, body, detail) in requests)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            response.StatusCode.Should().Be(HttpStatusCode.Forbidden, $"{method} {path}: {text}");
            text.Should().Contain(detail);
            text.Should().NotContain(bobsTask.Metadata.Name).And.NotContain(bob).And.NotContain("bobs-secret-plan").And.NotContain("bob's");
        }

        (await (await client.GetAsync("/api/mission-control/tasks")).Content.ReadAsStringAsync()).Should().Be("[]");
        (await (await client.GetAsync($"/api/mission-control/tasks?desktopId={bobsDesktop.Metadata.Uid}")).Content.ReadAsStringAsync()).Should().Be("[]");
        (await (await client.GetAsync("/api/mission-control/approvals")).Content.ReadAsStringAsync()).Should().Be("[]");
        var unchanged = await fixture.ReadTaskAsync(bob, id);
        unchanged.Spec.Run.Should().BeFalse();
        unchanged.Spec.Cancel.Should().BeFalse();
        unchanged.Spec.Decision.Should().BeNull();
        (await fixture.Client.CustomObjects.ListNamespacedCustomObjectAsync<Operator.Runtime.ObjectList<DesktopTask>>(
            Desktop.Group, Desktop.Version, bob, DesktopTask.Plural)).Items.Should().ContainSingle();
    }
}
