using System.Reflection;
using LeBureau.Client;
using ModelContextProtocol.Server;

namespace LeBureau.Mcp;

/// <summary>Every tool of the server and the capability each needs, read from the tool classes' attributes.</summary>
public static class ToolCatalog
{
    private static readonly Type[] ToolTypes = [typeof(DesktopTools), typeof(ControlTools), typeof(ChatTools), typeof(TaskTools)];

    private static IEnumerable<(MethodInfo Method, string Name, string Capability)> Methods() =>
        from type in ToolTypes
        from method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance)
        let tool = method.GetCustomAttribute<McpServerToolAttribute>()
        where tool is not null
        select (method, tool.Name!, method.GetCustomAttribute<ToolCapabilityAttribute>()?.Capability
            ?? throw new InvalidOperationException($"{type.Name}.{method.Name} has no ToolCapability"));

    /// <summary>Tool name → the capability it needs, for all tools.</summary>
    public static IReadOnlyDictionary<string, string> Capabilities { get; } = Methods().ToDictionary(m => m.Name, m => m.Capability, StringComparer.Ordinal);

    /// <summary>The tools a key holding <paramref name="held"/> may use, calling the API through <paramref name="client"/>.</summary>
    public static IReadOnlyList<McpServerTool> For(LeBureauClient client, IEnumerable<string> held)
    {
        ArgumentNullException.ThrowIfNull(client);
        var allowed = held.ToHashSet(StringComparer.Ordinal);
        var targets = new Dictionary<Type, object>
        {
            [typeof(DesktopTools)] = new DesktopTools(client),
            [typeof(ControlTools)] = new ControlTools(client),
            [typeof(ChatTools)] = new ChatTools(client),
            [typeof(TaskTools)] = new TaskTools(client),
        };
        return Methods()
            .Where(m => allowed.Contains(m.Capability))
            .Select(m => (McpServerTool)new GuardedTool(McpServerTool.Create(m.Method, targets[m.Method.DeclaringType!]), m.Capability))
            .ToList();
    }
}
