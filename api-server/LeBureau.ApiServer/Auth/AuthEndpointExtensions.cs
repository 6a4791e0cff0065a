using LeBureau.Resources;

namespace LeBureau.ApiServer.Auth;

public static class AuthEndpointExtensions
{
    /// <summary>The routes need an API key with <paramref name="capability"/>; also documents 401/403/429.</summary>
    public static TBuilder RequireCapability<TBuilder>(this TBuilder builder, Capability capability) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequiresCapability(capability));
}
