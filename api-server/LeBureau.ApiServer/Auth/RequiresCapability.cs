using LeBureau.Resources;

namespace LeBureau.ApiServer.Auth;

/// <summary>Endpoint metadata: the route needs an API key holding this capability (any valid key when null).</summary>
/// <param name="Capability">The capability; null for any valid key.</param>
/// <param name="RateLimited">Whether the request counts against the key's rate limit (false only where the work is counted elsewhere: <c>/mcp</c>).</param>
public sealed record RequiresCapability(Capability? Capability, bool RateLimited = true);
