using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using LeBureau.AgentContract;

namespace LeBureau.Operator.Tasks;

/// <summary>
/// The run routes of a desktop agent (<see cref="AgentRoutes"/>), with the desktop's token. Only moves messages:
/// every answer becomes a <see cref="RunObservation"/>, and a failure to get one is <see cref="RunObservationKind.Unreachable"/>.
/// </summary>
public sealed class AgentRunClient(HttpClient http)
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(5);

    /// <summary><c>GET runs/{id}</c>: found, or missing on 404.</summary>
    public Task<RunObservation> GetAsync(string endpoint, string token, string id, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, endpoint, AgentRoutes.Run(id), token, null, cancellationToken);

    /// <summary>
    /// <c>GET runs/{id}?waitMs=</c>: the run once it has ended, or as it is after <paramref name="wait"/>; missing on 404.
    /// </summary>
    public Task<RunObservation> WhenEndedAsync(string endpoint, string token, string id, TimeSpan wait, CancellationToken cancellationToken)
    {
        var waitMs = (int)Math.Clamp(wait.TotalMilliseconds, 0, AgentRoutes.MaxWaitMs);
        return SendAsync(HttpMethod.Get, endpoint, AgentRoutes.RunWhenEnded(id, waitMs), token, null, cancellationToken, TimeSpan.FromMilliseconds(waitMs));
    }

    /// <summary><c>POST runs</c>: found (201 new, 200 existing), busy on 409, rejected on 422.</summary>
    public Task<RunObservation> StartAsync(string endpoint, string token, RunRequest request, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, endpoint, AgentRoutes.Runs, token, JsonContent.Create(request), cancellationToken);

    /// <summary><c>POST runs/{id}/cancel</c>: the run's final state, or missing on 404.</summary>
    public Task<RunObservation> CancelAsync(string endpoint, string token, string id, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, endpoint, AgentRoutes.CancelRun(id), token, null, cancellationToken);

    private async Task<RunObservation> SendAsync(
        HttpMethod method, string endpoint, string route, string token, HttpContent? content, CancellationToken cancellationToken, TimeSpan held = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RequestTimeout + held);
        using var request = new HttpRequestMessage(method, $"{endpoint.TrimEnd('/')}/{route}") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        try
        {
            using var response = await http.SendAsync(request, timeout.Token);
            switch (response.StatusCode)
            {
                case HttpStatusCode.OK or HttpStatusCode.Created:
                    var state = await response.Content.ReadFromJsonAsync<RunState>(timeout.Token);
                    return state is null ? RunObservation.Unreachable("empty answer") : RunObservation.Found(state);
                case HttpStatusCode.NotFound:
                    return RunObservation.Missing;
                case HttpStatusCode.Conflict:
                    return RunObservation.Busy(await ReasonAsync(response, timeout.Token));
                case HttpStatusCode.UnprocessableEntity:
                    return RunObservation.Rejected(await ReasonAsync(response, timeout.Token));
                default:
                    return RunObservation.Unreachable($"{(int)response.StatusCode} {await ReasonAsync(response, timeout.Token)}");
            }
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return RunObservation.Unreachable(e.Message);
        }
    }

    /// <summary>The first line of an error answer, at most 200 characters (the agent's ProblemDetails or plain text).</summary>
    private static async Task<string> ReasonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var json = JsonDocument.Parse(text);
            foreach (var name in new[] { "detail", "error", "title", "message" })
            {
                if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                {
                    text = value.GetString()!;
                    break;
                }
            }
        }
        catch (JsonException)
        {
            // Plain text.
        }
        var line = text.Split('\n', 2)[0].Trim();
        return line.Length == 0 ? response.ReasonPhrase ?? "" : line.Length > 200 ? line[..200] : line;
    }
}
