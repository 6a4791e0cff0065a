namespace LeBureau.ApiServer.LiveView;

/// <summary>
/// Endpoint metadata: the route authenticates by a live-view ticket in <c>?ticket=</c> (browsers cannot set headers on
/// a websocket) instead of an API key. <see cref="Auth.ApiGuardMiddleware"/> then applies the same rate limit and
/// capability check to the key behind the ticket, and stores the <see cref="LiveViewTicket"/> for the handler.
/// </summary>
public sealed class TicketAuthentication
{
    public static readonly TicketAuthentication Instance = new();
}
