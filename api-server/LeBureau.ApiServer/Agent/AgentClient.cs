using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using LeBureau.ApiServer.Cache;
using LeBureau.ApiServer.Hosting;
using LeBureau.Resources;
using Microsoft.Extensions.Options;

namespace LeBureau.ApiServer.Agent;

/// <summary>
/// Calls a desktop's agent at <c>status.agentEndpoint</c> with the desktop's token, read from the
/// agent-token Secret in the watch cache. The token goes only into the Authorization header.
/// </summary>
internal sealed class AgentClient(HttpClient http, ResourceCaches caches, IOptions<ApiServerOptions> options, ILogger<AgentClient> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<AgentReply> SendAsync(Desktop desktop, HttpMethod method, string pathAndQuery, object? body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(desktop);
        var token = TokenFor(desktop);
        if (token is null) return Failed(desktop, "the desktop's agent token is not available yet");
        var endpoint = desktop.Status?.AgentEndpoint;
        if (string.IsNullOrEmpty(endpoint)) return Failed(desktop, "the desktop has no agent endpoint yet");

        using var request = new HttpRequestMessage(method, new Uri(new Uri(endpoint.TrimEnd('/') + "/"), pathAndQuery.TrimStart('/')));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = JsonContent.Create(body, body.GetType(), options: Json);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.AgentTimeout);
        try
        {
            using var response = await http.SendAsync(request, timeout.Token);
            var bytes = await response.Content.ReadAsByteArrayAsync(timeout.Token);
            return new AgentReply((int)response.StatusCode, bytes, response.Content.Headers.ContentType?.MediaType, null);
        }
        catch (HttpRequestException e)
        {
            return Failed(desktop, e.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed(desktop, $"no answer within {options.Value.AgentTimeout.TotalSeconds:0} s");
        }
    }

    /// <summary>
    /// Sends a request whose answer is a stream (chat): returns the response once its headers arrived (within the
    /// agent timeout), for the caller to read and dispose; or, when the agent could not be reached or answered an
    /// error, that reply with its body read.
    /// </summary>
    public async Task<(HttpResponseMessage? Stream, AgentReply? Failure)> OpenStreamAsync(Desktop desktop, string pathAndQuery, object body,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(desktop);
        var token = TokenFor(desktop);
        if (token is null) return (null, Failed(desktop, "the desktop's agent token is not available yet"));
        var endpoint = desktop.Status?.AgentEndpoint;
        if (string.IsNullOrEmpty(endpoint)) return (null, Failed(desktop, "the desktop has no agent endpoint yet"));

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(endpoint.TrimEnd('/') + "/"), pathAndQuery.TrimStart('/')));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Content = JsonContent.Create(body, body.GetType(), options: Json);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.AgentTimeout);
        try
        {
            var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (response.IsSuccessStatusCode) return (response, null);
            using (response)
            {
                var bytes = await response.Content.ReadAsByteArrayAsync(timeout.Token);
                return (null, new AgentReply((int)response.StatusCode, bytes, response.Content.Headers.ContentType?.MediaType, null));
            }
        }
        catch (HttpRequestException e)
        {
            return (null, Failed(desktop, e.Message));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, Failed(desktop, $"no answer within {options.Value.AgentTimeout.TotalSeconds:0} s"));
        }
    }

    /// <summary>A websocket to the agent's VNC bridge (<c>/vnc</c>), or why there is none.</summary>
    public async Task<(WebSocket? Socket, string? Error)> ConnectVncAsync(Desktop desktop, bool viewOnly, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(desktop);
        var token = TokenFor(desktop);
        if (token is null) return (null, Failed(desktop, "the desktop's agent token is not available yet").Error);
        var endpoint = desktop.Status?.AgentEndpoint;
        if (string.IsNullOrEmpty(endpoint)) return (null, Failed(desktop, "the desktop has no agent endpoint yet").Error);

        var http = new Uri(new Uri(endpoint.TrimEnd('/') + "/"), viewOnly ? "vnc?viewOnly=true" : "vnc?viewOnly=false");
        var uri = new UriBuilder(http) { Scheme = http.Scheme == Uri.UriSchemeHttps ? "wss" : "ws" }.Uri;
        var socket = new ClientWebSocket();
        socket.Options.Proxy = null;
        socket.Options.SetRequestHeader("Authorization", $"Bearer {token}");
        socket.Options.AddSubProtocol("binary");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.AgentTimeout);
        try
        {
            await socket.ConnectAsync(uri, timeout.Token);
            return (socket, null);
        }
        catch (Exception e) when (e is WebSocketException or HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            return (null, Failed(desktop, e is OperationCanceledException ? $"no answer within {options.Value.AgentTimeout.TotalSeconds:0} s" : e.Message).Error);
        }
    }

    public static T? Read<T>(AgentReply reply) => JsonSerializer.Deserialize<T>(reply.Body, Json);

    /// <summary>The agent's own error text (its ProblemDetails detail), for relaying a 4xx.</summary>
    public static string Detail(AgentReply reply)
    {
        if (reply.Error is not null) return reply.Error;
        try
        {
            using var doc = JsonDocument.Parse(reply.Body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object
                && (doc.RootElement.TryGetProperty("detail", out var d) || doc.RootElement.TryGetProperty("title", out d))
                && d.ValueKind == JsonValueKind.String)
            {
                return d.GetString()!;
            }
        }
        catch (JsonException)
        {
        }
        return $"the desktop agent answered {reply.Status}";
    }

    private string? TokenFor(Desktop desktop)
    {
        var key = options.Value.AgentTokenSecretKey;
        foreach (var secret in caches.AgentTokens.List(desktop.Metadata.NamespaceProperty))
        {
            var owned = secret.Metadata.OwnerReferences?.Any(o => o.Uid == desktop.Metadata.Uid) == true
                || secret.Metadata.Labels?.TryGetValue(Labels.Desktop, out var name) == true && name == desktop.Metadata.Name;
            if (owned && secret.Data?.TryGetValue(key, out var bytes) == true)
            {
                return System.Text.Encoding.UTF8.GetString(bytes).Trim();
            }
        }
        return null;
    }

    private AgentReply Failed(Desktop desktop, string reason)
    {
        ApiServerLog.AgentFailed(logger, desktop.Metadata.NamespaceProperty, desktop.Metadata.Name, reason);
        return new AgentReply(0, [], null, reason);
    }
}
