using System.Net.Http.Headers;

namespace LeBureau.Operator.Desktops;

/// <summary>Asks a desktop agent's /healthz, with the desktop's token, whether it is ready.</summary>
public sealed class AgentProbe(HttpClient http)
{
    /// <summary>True when <c>GET {endpoint}/healthz</c> answers 200 within two seconds.</summary>
    public async Task<bool> IsReadyAsync(string endpoint, string token, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{endpoint}/healthz");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        try
        {
            using var response = await http.SendAsync(request, timeout.Token);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
