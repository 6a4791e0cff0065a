namespace LeBureau.ApiServer.Auth;

public static class CallerAccessor
{
    /// <summary>The caller <see cref="ApiGuardMiddleware"/> authenticated; only on guarded routes.</summary>
    public static Caller Caller(this HttpContext context) =>
        context.Features.Get<Caller>() ?? throw new InvalidOperationException("the route has no RequiresCapability metadata");
}
