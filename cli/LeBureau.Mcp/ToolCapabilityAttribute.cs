namespace LeBureau.Mcp;

/// <summary>The API key capability a tool needs (<c>desktop:read</c> …): the tool is listed only for keys that hold it.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ToolCapabilityAttribute(string capability) : Attribute
{
    public string Capability { get; } = capability;
}
