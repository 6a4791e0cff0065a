namespace LeBureau.ApiServer.LiveView;

/// <summary>Builds a <c>stream_url</c> (pure): the websocket twin of the public base URL, the desktop's stream route and its ticket.</summary>
public static class LiveViewUrl
{
    public static string For(Uri publicBase, string desktopUid, string ticket)
    {
        ArgumentNullException.ThrowIfNull(publicBase);
        var scheme = publicBase.Scheme == Uri.UriSchemeHttps ? "wss" : "ws";
        var path = publicBase.AbsolutePath.TrimEnd('/');
        return $"{scheme}://{publicBase.Authority}{path}/v1/desktop/{Uri.EscapeDataString(desktopUid)}/stream?ticket={Uri.EscapeDataString(ticket)}";
    }
}
