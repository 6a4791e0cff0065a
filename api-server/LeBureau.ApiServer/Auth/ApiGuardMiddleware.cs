using System.Globalization;
using LeBureau.ApiServer.Cache;
using LeBureau.ApiServer.Hosting;
using LeBureau.ApiServer.LiveView;
using LeBureau.ApiServer.RateLimiting;
using Microsoft.Extensions.Options;

namespace LeBureau.ApiServer.Auth;

/// <summary>
/// For routes carrying <see cref="RequiresCapability"/>: authenticate the key (or, on <see cref="TicketAuthentication"/>
/// routes, the live-view ticket and the key behind it) against the watch cache (401),
/// count the request against the key's rate limit (429), check the capability (403), then store the
/// <see cref="Caller"/> for the handler.
/// </summary>
internal sealed class ApiGuardMiddleware(
    RequestDelegate next, ResourceCaches caches, RedisRateLimiter limiter, LiveViewTickets tickets, IOptions<ApiServerOptions> options,
    TimeProvider clock)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var required = context.GetEndpoint()?.Metadata.GetMetadata<RequiresCapability>();
        if (required is null)
        {
            await next(context);
            return;
        }

        var now = clock.GetUtcNow();
        var (caller, refusal) = context.GetEndpoint()!.Metadata.GetMetadata<TicketAuthentication>() is null ? ByKey(context, now) : ByTicket(context, now);
        if (caller is null)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await ApiErrors.For(context, StatusCodes.Status401Unauthorized, refusal).ExecuteAsync(context);
            return;
        }

        var limit = RateLimitDecision.LimitFor(caller.RateLimitPerMinute, options.Value.RateLimitPerMinute);
        var verdict = required.RateLimited ? await limiter.CheckAsync(caller.KeyUid, limit, now, context.RequestAborted) : null;
        if (verdict is not null)
        {
            context.Response.Headers["X-RateLimit-Limit"] = verdict.Limit.ToString(CultureInfo.InvariantCulture);
            context.Response.Headers["X-RateLimit-Remaining"] = verdict.Remaining.ToString(CultureInfo.InvariantCulture);
            if (!verdict.Allowed)
            {
                context.Response.Headers.RetryAfter = verdict.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                await ApiErrors.For(context, StatusCodes.Status429TooManyRequests,
                    $"Rate limit of {limit} requests per minute exceeded; retry after {verdict.RetryAfterSeconds} s.").ExecuteAsync(context);
                return;
            }
        }

        if (required.Capability is { } capability && !CapabilityPolicy.Allows(caller.Capabilities, capability))
        {
            var extensions = new Dictionary<string, object?>
            {
                ["required"] = CapabilityPolicy.Name(capability),
                ["held"] = CapabilityPolicy.Names(caller.Capabilities),
            };
            var detail = $"The API key lacks the '{CapabilityPolicy.Name(capability)}' capability.";
            IResult result = context.GetEndpoint()!.Metadata.GetMetadata<CyberdeskErrors>() is not null
                ? TypedResults.Json(new { status = "error", error = detail, required = extensions["required"], held = extensions["held"] }, statusCode: 403) as IResult
                : ApiErrors.Problem(StatusCodes.Status403Forbidden, detail, extensions);
            await result.ExecuteAsync(context);
            return;
        }

        context.Features.Set(caller);
        await next(context);
    }

    private (Caller? Caller, string Refusal) ByKey(HttpContext context, DateTimeOffset now)
    {
        var presented = CredentialReader.Read(context.Request, CredentialReader.AcceptsQueryKey(context.Request.Path));
        if (presented is null) return (null, "An API key is required: 'Authorization: Bearer sk_live_…' or 'x-api-key'.");
        var caller = ApiKeyCheck.Evaluate(caches.ApiKeys.FirstByIndex(ResourceCaches.ByHash, ApiKeyHash.Of(presented)), now);
        return (caller, "The API key is unknown, expired or revoked.");
    }

    private (Caller? Caller, string Refusal) ByTicket(HttpContext context, DateTimeOffset now)
    {
        var (caller, ticket, refusal) = tickets.Authenticate(context.Request.Query["ticket"], caches, now);
        if (ticket is not null) context.Features.Set(ticket);
        return (caller, refusal);
    }
}
