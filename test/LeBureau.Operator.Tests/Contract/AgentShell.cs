using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using k8s;
using LeBureau.Operator.Desktops;
using LeBureau.Resources;

namespace LeBureau.Operator.Tests.Contract;

/// <summary>Runs a bash script on a desktop through its agent (POST /bash with the desktop's token), as the api-server does.</summary>
public static class AgentShell
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>The script's stdout; fails the test on a non-zero exit.</summary>
    public static async Task<string> RunAsync(Kubernetes client, Desktop desktop, string script)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(desktop);
        var secret = await client.ReadNamespacedSecretAsync(DesktopNames.AgentTokenSecret(desktop.Metadata.Name), desktop.Metadata.NamespaceProperty);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{desktop.Status.AgentEndpoint}/bash") { Content = JsonContent.Create(new { script }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Encoding.UTF8.GetString(secret.Data[DesktopNames.TokenKey]));
        using var response = await Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue(body);
        using var json = JsonDocument.Parse(body);
        json.RootElement.GetProperty("exitCode").GetInt32().Should().Be(0, body);
        return json.RootElement.GetProperty("stdout").GetString()!;
    }
}
