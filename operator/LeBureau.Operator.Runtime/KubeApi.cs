using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using k8s;
using k8s.Models;

namespace LeBureau.Operator.Runtime;

/// <summary>
/// Raw REST access to the API server through a KubernetesClient <see cref="Kubernetes"/> (its HTTP client,
/// TLS setup and credentials), for any path: resourceVersion-exact list and watch, /status, subresources.
/// </summary>
public sealed class KubeApi(Kubernetes client)
{
    /// <summary>The underlying typed client.</summary>
    public Kubernetes Client { get; } = client ?? throw new ArgumentNullException(nameof(client));

    /// <summary>Sends a request; throws <see cref="KubeApiException"/> unless it succeeds; returns the body text.</summary>
    public async Task<string> SendAsync(HttpMethod method, string pathAndQuery, string? body = null,
        string contentType = "application/json", CancellationToken cancellationToken = default)
    {
        using var response = await SendRawAsync(method, pathAndQuery, body, contentType, HttpCompletionOption.ResponseContentRead, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode) throw Failure(response.StatusCode, text, method, pathAndQuery);
        return text;
    }

    /// <summary>Sends a request and deserializes the answer.</summary>
    public async Task<T> SendAsync<T>(HttpMethod method, string pathAndQuery, string? body = null,
        string contentType = "application/json", CancellationToken cancellationToken = default)
    {
        var text = await SendAsync(method, pathAndQuery, body, contentType, cancellationToken);
        return KubernetesJson.Deserialize<T>(text);
    }

    /// <summary>Streams the lines of a long-running answer (a watch) until the server closes it.</summary>
    public async IAsyncEnumerable<string> StreamLinesAsync(string pathAndQuery, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var response = await SendRawAsync(HttpMethod.Get, pathAndQuery, null, "application/json", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw Failure(response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken), HttpMethod.Get, pathAndQuery);
        }
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length > 0) yield return line;
        }
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string pathAndQuery, string? body, string contentType,
        HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(Client.BaseUri.AbsoluteUri.TrimEnd('/') + "/" + pathAndQuery.TrimStart('/')));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (Client.Credentials is not null)
        {
            await Client.Credentials.ProcessHttpRequestAsync(request, cancellationToken);
        }
        return await Client.HttpClient.SendAsync(request, completion, cancellationToken);
    }

    private static KubeApiException Failure(HttpStatusCode code, string text, HttpMethod method, string path)
    {
        V1Status? status = null;
        try
        {
            status = KubernetesJson.Deserialize<V1Status>(text);
        }
        catch (System.Text.Json.JsonException)
        {
            // Not a Status (an HTML error page, an empty body): the status code says enough.
        }
        return new KubeApiException(code, status, $"{method} {path}: {(int)code} {status?.Message ?? text}");
    }
}
