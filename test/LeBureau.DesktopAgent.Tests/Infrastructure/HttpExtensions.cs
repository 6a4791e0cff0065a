using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace LeBureau.DesktopAgent.Tests.Infrastructure;

/// <summary>Small helpers for posting JSON and reading ProblemDetails.</summary>
public static class HttpExtensions
{
    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, object body) =>
        client.PostAsJsonAsync(path, body);

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string path, string json) =>
        client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement;
    }

    public static async Task<string> DetailAsync(this HttpResponseMessage response)
    {
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        return (await response.JsonAsync()).GetProperty("detail").GetString()!;
    }
}
