using System.Net;
using System.Text;
using LeBureau.DesktopAgent.Tests.Infrastructure;

namespace LeBureau.DesktopAgent.Tests.Integration;

[Collection(DesktopCollection.Name)]
public sealed class AuthAndErrorTests(DesktopFixture desktop)
{
    [Theory]
    [InlineData(null)]
    [InlineData("wrong-token")]
    [InlineData("test-agent-token-7f3")]
    public async Task Requests_without_the_right_token_are_401(string? token)
    {
        using var client = desktop.CreateClient(token);

        (await client.GetAsync("/healthz")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await client.PostJsonAsync("/exec", new { command = "true" })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Healthz_is_200_when_the_display_answers()
    {
        var health = await (await desktop.Client.GetAsync("/healthz")).JsonAsync();

        health.GetProperty("status").GetString().Should().Be("ready");
        health.GetProperty("width").GetInt32().Should().Be(1280);
    }

    [Fact]
    public async Task Healthz_is_503_when_the_display_does_not_answer()
    {
        var port = DesktopFixture.FreePort();
        await using var agent = await DesktopFixture.StartAgentAsync(
            ["--urls", $"http://127.0.0.1:{port}", $"--Agent:Display={DesktopFixture.FreeDisplay()}", "--Agent:Token=t"]);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        client.DefaultRequestHeaders.Authorization = new("Bearer", "t");

        var response = await client.GetAsync("/healthz");

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await client.PostJsonAsync("/input/move", new { x = 1, y = 1 })).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        await agent.StopAsync();
    }

    [Theory]
    [InlineData("/input/move", "{\"x\": 1,", "$")]
    [InlineData("/input/move", "{\"x\": \"10\", \"y\": 10}", "$.x")]
    [InlineData("/input/move", "{\"x\": 10}", "'y'")]
    [InlineData("/input/click", "{\"button\": \"sideways\"}", "$.button")]
    [InlineData("/input/type", "{\"text\": null}", "text")]
    [InlineData("/input/key", "{\"keys\": 5}", "keys")]
    [InlineData("/input/scroll", "{\"direction\": \"up\", \"amount\": 1000}", "amount")]
    [InlineData("/files", "{\"path\": \"/tmp/x\"}", "'content'")]
    public async Task Bad_input_is_400_naming_the_field_and_the_agent_keeps_serving(string path, string json, string named)
    {
        var response = await desktop.Client.PostRawAsync(path, json);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.DetailAsync()).Should().Contain(named);
        (await desktop.Client.GetAsync("/healthz")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Oversized_body_is_413_and_the_agent_keeps_serving()
    {
        var text = new string('a', (int)DesktopFixture.MaxBodyBytes + 10);
        var content = new StringContent($"{{\"text\":\"{text}\"}}", Encoding.UTF8, "application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/input/type") { Content = content };

        // As a well-behaved client of large bodies does: the agent refuses before the body is sent.
        request.Headers.ExpectContinue = true;

        var response = await desktop.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await desktop.Client.GetAsync("/healthz")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Oversized_chunked_body_is_413()
    {
        var stream = new MemoryStream(Encoding.UTF8.GetBytes($"{{\"text\":\"{new string('a', (int)DesktopFixture.MaxBodyBytes + 10)}\"}}"));
        var content = new StreamContent(stream);
        content.Headers.ContentType = new("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/input/type") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await desktop.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Unknown_route_is_404_problem()
    {
        var response = await desktop.Client.GetAsync("/no/such/route");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
