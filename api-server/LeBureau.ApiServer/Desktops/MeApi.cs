using LeBureau.ApiServer.Auth;
using LeBureau.ApiServer.Hosting;
using LeBureau.Resources;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeBureau.ApiServer.Desktops;

/// <summary><c>GET /v1/me</c>: who the key belongs to (the tenant namespace) and what it may do. Any valid key may call it.</summary>
public static class MeApi
{
    public static IEndpointRouteBuilder MapMeApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1").WithTags("Me").WithProblemErrors();
        api.MapGet("/me", Me).WithMetadata(new RequiresCapability(null));
        return app;
    }

    /// <summary>
    /// The caller's tier as Le Bureau names its plans (free, pro, max). A self-hosted install sells no plans: every
    /// tenant may create desktops of every tier, which is the max plan's promise.
    /// </summary>
    public const string SelfHostedTier = "max";

    internal static Ok<MeDto> Me(HttpContext context)
    {
        var caller = context.Caller();
        return TypedResults.Ok(new MeDto(caller.Namespace, caller.Namespace, SelfHostedTier, caller.KeyName, caller.KeyPrefix, CapabilityPolicy.Names(caller.Capabilities)));
    }
}

/// <summary>The caller.</summary>
/// <param name="Id">The user id: the tenant namespace.</param>
/// <param name="Namespace">The Kubernetes namespace holding the user's desktops and keys.</param>
/// <param name="Tier">The user's plan tier (free, pro, max): always max on a self-hosted install (every tier may be used).</param>
/// <param name="KeyName">The ApiKey in use.</param>
/// <param name="KeyPrefix">Its display prefix.</param>
/// <param name="Capabilities">The capabilities of the key in use.</param>
public sealed record MeDto(string Id, string Namespace, string Tier, string KeyName, string? KeyPrefix, IReadOnlyList<string> Capabilities);
