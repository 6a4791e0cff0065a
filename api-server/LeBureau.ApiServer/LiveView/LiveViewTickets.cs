using System.Security.Cryptography;
using LeBureau.ApiServer.Auth;
using LeBureau.ApiServer.Cache;
using LeBureau.ApiServer.Hosting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace LeBureau.ApiServer.LiveView;

/// <summary>
/// Issues and reads live-view tickets with ASP.NET Core Data Protection (authenticated encryption, an expiry inside).
/// The key ring lives in Redis, so a ticket issued by one replica opens on any other.
/// </summary>
internal sealed class LiveViewTickets(IDataProtectionProvider provider, TimeProvider clock, IOptions<ApiServerOptions> options, ILogger<LiveViewTickets> logger)
{
    private readonly ITimeLimitedDataProtector _protector = provider.CreateProtector("LeBureau.LiveView.v1").ToTimeLimitedDataProtector();

    /// <summary>A ticket valid for <see cref="ApiServerOptions.LiveViewTicketLifetime"/>, or null when the key ring cannot be reached.</summary>
    public string? Issue(LiveViewTicket ticket)
    {
        try
        {
            return _protector.Protect(ticket.Format(), clock.GetUtcNow() + options.Value.LiveViewTicketLifetime);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            ApiServerLog.LiveViewUnavailable(logger, e.Message);
            return null;
        }
    }

    public const string Refused = "The live-view ticket is missing, invalid or expired: take a fresh stream_url from GET /v1/desktop/:id.";

    /// <summary>
    /// The caller a ticket stands for: the API key that asked for it, which must still be valid; or why there is none.
    /// </summary>
    public (Caller? Caller, LiveViewTicket? Ticket, string Refusal) Authenticate(string? text, ResourceCaches caches, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(caches);
        if (Read(text) is not { } ticket) return (null, null, Refused);
        var caller = ApiKeyCheck.Evaluate(caches.ApiKeys.FirstByIndex(ResourceCaches.ByUid, ticket.KeyUid), now);
        return caller is null || caller.Namespace != ticket.Namespace
            ? (null, null, "The API key behind this live-view ticket is no longer valid.")
            : (caller, ticket, "");
    }

    /// <summary>The ticket behind <paramref name="text"/>, or null when it is missing, forged, altered or expired.</summary>
    public LiveViewTicket? Read(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        try
        {
            return LiveViewTicket.Parse(_protector.Unprotect(text));
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
