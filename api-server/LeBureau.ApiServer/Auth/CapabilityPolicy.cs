using System.Text.Json;
using LeBureau.Resources;

namespace LeBureau.ApiServer.Auth;

/// <summary>Capability names as the API shows them (<c>desktop:read</c> …) and the check (pure).</summary>
public static class CapabilityPolicy
{
    public static bool Allows(IReadOnlySet<Capability> held, Capability required) => held.Contains(required);

    /// <summary>The wire name of a capability, from its JSON serialisation.</summary>
    public static string Name(Capability capability) => JsonSerializer.Serialize(capability).Trim('"');

    /// <summary>The wire names of capabilities, in declaration order.</summary>
    public static IReadOnlyList<string> Names(IEnumerable<Capability> capabilities) => capabilities.Order().Select(Name).ToList();
}
