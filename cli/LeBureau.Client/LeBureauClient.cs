using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace LeBureau.Client;

/// <summary>
/// A typed client of Le Bureau's REST/SSE API, authenticated with one API key (<c>Authorization: Bearer</c>).
/// Every failure is a <see cref="LeBureauApiException"/> with the status and the server's words; a server that
/// cannot be reached is an <see cref="HttpRequestException"/>.
/// </summary>
public sealed partial class LeBureauClient : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;

    /// <summary>A client of the API at <paramref name="baseUrl"/> (e.g. <c>http://127.0.0.1:8080</c>) with <paramref name="apiKey"/>.</summary>
    /// <param name="baseUrl">The API's address.</param>
    /// <param name="apiKey">The API key (sent as a Bearer token, never logged).</param>
    /// <param name="handler">The message handler to use (tests, proxies); the client owns it.</param>
    public LeBureauClient(Uri baseUrl, string apiKey, HttpMessageHandler? handler = null)
        : this(CreateHttp(baseUrl, apiKey, handler), ownsHttp: true)
    {
    }

    /// <summary>A client over an HttpClient whose BaseAddress and Authorization are already set; the caller keeps owning it.</summary>
    public LeBureauClient(HttpClient http) : this(http, ownsHttp: false)
    {
    }

    private LeBureauClient(HttpClient http, bool ownsHttp)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.BaseAddress is null) throw new ArgumentException("The HttpClient needs a BaseAddress.", nameof(http));
        _http = http;
        _ownsHttp = ownsHttp;
    }

    /// <summary>The API's address.</summary>
    public Uri BaseAddress => _http.BaseAddress!;

    /// <summary>The caller: tenant, key and capabilities (<c>GET /v1/me</c>). Any valid key may call it.</summary>
    public Task<Me> GetMeAsync(CancellationToken cancellationToken = default) =>
        GetJsonAsync<Me>("v1/me", cancellationToken);

    public void Dispose()
    {
        if (_ownsHttp) _http.Dispose();
    }

    private static HttpClient CreateHttp(Uri baseUrl, string apiKey, HttpMessageHandler? handler)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        // Calls such as chat and exec can take minutes; callers bound them with their cancellation token.
        var http = new HttpClient(handler ?? new SocketsHttpHandler(), disposeHandler: true)
        {
            BaseAddress = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/"),
            Timeout = Timeout.InfiniteTimeSpan,
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey.Trim());
        return http;
    }

    private static string Escape(string value) => Uri.EscapeDataString(value);

    private async Task<T> GetJsonAsync<T>(string path, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(path, cancellationToken);
        return await ReadAsync<T>(response, cancellationToken);
    }

    private async Task<T> SendJsonAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body, options: Json) };
        using var response = await _http.SendAsync(request, cancellationToken);
        return await ReadAsync<T>(response, cancellationToken);
    }

    private async Task SendAsync(HttpMethod method, string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        using var response = await _http.SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await EnsureSuccessAsync(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
            ?? throw new LeBureauApiException(response.StatusCode, "Empty response", "The API answered without a body.");
    }

    /// <summary>Throws <see cref="LeBureauApiException"/> for a non-success response, with what its body says.</summary>
    internal static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode) return;
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var retryAfter = response.Headers.RetryAfter?.Delta;
        throw ApiErrorBody.ToException(response.StatusCode, body, retryAfter);
    }
}
