using LeBureau.Resources;

namespace LeBureau.ApiServer.Auth;

/// <summary>Endpoint metadata: the route needs an API key holding this capability (any valid key when null).</summary>
public sealed record RequiresCapability(Capability? Capability);
