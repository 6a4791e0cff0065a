namespace LeBureau.Client;

public sealed partial class LeBureauClient
{
    /// <summary>The caller's desktops (destroyed ones excluded). Needs desktop:read.</summary>
    public Task<IReadOnlyList<DesktopInfo>> ListDesktopsAsync(CancellationToken cancellationToken = default) =>
        GetJsonAsync<IReadOnlyList<DesktopInfo>>("api/desktops", cancellationToken);

    /// <summary>One desktop, with metrics when it runs. Needs desktop:read.</summary>
    public Task<DesktopInfo> GetDesktopAsync(string id, CancellationToken cancellationToken = default) =>
        GetJsonAsync<DesktopInfo>($"api/desktops/{Escape(id)}", cancellationToken);

    /// <summary>Creates a desktop (it starts booting at once). Needs desktop:manage.</summary>
    public Task<DesktopInfo> CreateDesktopAsync(NewDesktop desktop, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(desktop);
        return SendJsonAsync<DesktopInfo>(HttpMethod.Post, "api/desktops", desktop, cancellationToken);
    }

    /// <summary>Deletes a desktop and its disk. Needs desktop:manage.</summary>
    public Task DeleteDesktopAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, $"api/desktops/{Escape(id)}", cancellationToken);

    /// <summary>Boots a stopped desktop (409 when it is not stopped). Needs desktop:lifecycle.</summary>
    public Task<DesktopInfo> StartDesktopAsync(string id, CancellationToken cancellationToken = default) =>
        SendJsonAsync<DesktopInfo>(HttpMethod.Post, $"api/desktops/{Escape(id)}/start", null, cancellationToken);

    /// <summary>Shuts a desktop down, keeping its disk (409 when already stopped). Needs desktop:lifecycle.</summary>
    public Task<DesktopInfo> StopDesktopAsync(string id, CancellationToken cancellationToken = default) =>
        SendJsonAsync<DesktopInfo>(HttpMethod.Post, $"api/desktops/{Escape(id)}/stop", null, cancellationToken);

    /// <summary>Stops then starts a desktop. Needs desktop:lifecycle.</summary>
    public Task<DesktopInfo> RestartDesktopAsync(string id, CancellationToken cancellationToken = default) =>
        SendJsonAsync<DesktopInfo>(HttpMethod.Post, $"api/desktops/{Escape(id)}/restart", null, cancellationToken);

    /// <summary>CPU, RAM and disk usage of a running desktop. Needs desktop:read.</summary>
    public Task<DesktopMetrics> GetMetricsAsync(string id, CancellationToken cancellationToken = default) =>
        GetJsonAsync<DesktopMetrics>($"api/desktops/{Escape(id)}/metrics", cancellationToken);
}
