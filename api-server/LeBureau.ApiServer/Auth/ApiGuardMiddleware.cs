using System.Globalization;
using LeBureau.ApiServer.Cache;
using LeBureau.ApiServer.Hosting;
using LeBureau.ApiServer.RateLimiting;
using Microsoft.Extensions.Options;

namespace LeBureau.ApiServer.Auth;

/// <summary>
/// For routes carrying <see cref="RequiresCapability"/>: authenticate the key against the watch cache (401),
/// count the request against the key's rate limit (429), check the capability (403), then store the
/// <see cref="Caller"/> for the handler.
/// </summary>
internal sealed class ApiGuardMiddleware(
    RequestDelegate next, ResourceCaches caches, RedisRateLimiter limiter, IOptions<ApiServerOptions> options, TimeProvider clock)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var required = context.GetEndpoint()?.Metadata.GetMetadata<RequiresCapability>();
        if (required is null)
        {
            await next(context);
            return;
        }

        var allowQuery = CredentialReader.AcceptsQueryKey(context.Request.Path);
        var presented = CredentialReader.Read(context.Request, allowQuery);
        var now = clock.GetUtcNow();
        var caller = presented is null ? null : ApiKeyCheck.Evaluate(caches.ApiKeys.FirstByIndex(ResourceCaches.ByHash, ApiKeyHash.Of(presented)), now);
        if (caller is null)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            var detail = presented is null ? "An API key is required: 'Authorization: Bearer sk_live_…' or 'x-api-key'." : "The API key is unknown, expired or revoked.";
            await ApiErrors.For(context, StatusCodes.Status401Unauthorized, detail).ExecuteAsync(context);
            return;
        }

        var limit = RateLimitDecision.LimitFor(caller.RateLimitPerMinute, options.Value.RateLimitPerMinute);
        var verdict = await limiter.CheckAsync(caller.KeyUid, limit, now, context.RequestAborted);
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
}
