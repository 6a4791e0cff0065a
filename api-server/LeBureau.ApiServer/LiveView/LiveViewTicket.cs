namespace LeBureau.ApiServer.LiveView;

/// <summary>
/// What a live-view ticket grants: a websocket to one desktop's screen, on behalf of one API key (which must still
/// be valid when the socket connects). Format and parse are pure; the ticket itself is this text, protected.
/// </summary>
/// <param name="Namespace">The tenant.</param>
/// <param name="DesktopUid">The desktop (its uid, the id of every API surface).</param>
/// <param name="KeyUid">The API key that asked for the ticket.</param>
public sealed record LiveViewTicket(string Namespace, string DesktopUid, string KeyUid)
{
    private const string Version = "v1";

    public string Format() => string.Join('|', Version, Namespace, DesktopUid, KeyUid);

    /// <summary>The ticket in <paramref name="text"/>, or null when it is not one.</summary>
    public static LiveViewTicket? Parse(string text)
    {
        var parts = text.Split('|');
        return parts is [Version, { Length: > 0 } ns, { Length: > 0 } desktop, { Length: > 0 } key] ? new LiveViewTicket(ns, desktop, key) : null;
    }
}
