using System.Reflection;
using LeBureau.Client;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace LeBureau.Mcp;

/// <summary>
/// The MCP server's configuration for one API key: the tools its capabilities allow (others are not listed), and a
/// call to a tool it may not use answered with an error naming the capability it lacks.
/// </summary>
public static class LeBureauMcpServer
{
    public const string Name = "lebureau";

    private const string Instructions =
        "Le Bureau gives you real Linux desktops (XFCE) to work on. Find a desktop with desktops_list; it must be running with agentReady true "
        + "before you control it. Look with desktop_screenshot, then act with desktop_click, desktop_type, desktop_key, desktop_scroll and "
        + "desktop_drag (coordinates are pixels of the screenshot); run commands with desktop_exec; or hand a whole task to the desktop's own "
        + "agent with desktop_chat.";

    /// <summary>Options for a new server whose tools call the API through <paramref name="client"/> with a key holding <paramref name="capabilities"/>.</summary>
    public static McpServerOptions CreateOptions(LeBureauClient client, IReadOnlyCollection<string> capabilities)
    {
        var options = new McpServerOptions();
        Configure(options, client, capabilities);
        return options;
    }

    /// <summary>Sets the server info, instructions and tools of <paramref name="options"/> (the HTTP host configures the SDK's options in place).</summary>
    public static void Configure(McpServerOptions options, LeBureauClient client, IReadOnlyCollection<string> capabilities)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(capabilities);
        options.ServerInfo = new Implementation { Name = Name, Version = typeof(LeBureauMcpServer).Assembly.GetName().Version?.ToString(3) ?? "0.0.0" };
        options.ServerInstructions = Instructions;
        var tools = new McpServerPrimitiveCollection<McpServerTool>();
        foreach (var tool in ToolCatalog.For(client, capabilities)) tools.Add(tool);
        options.ToolCollection = tools;
        options.Handlers.ListToolsHandler = (_, _) => ValueTask.FromResult(new ListToolsResult());
        // Reached only for names the collection lacks: unknown tools, and tools this key may not use.
        options.Handlers.CallToolHandler = (request, _) => throw Refusal(request.Params?.Name, capabilities);
    }

    /// <summary>The protocol error for a call to a tool that is not listed for this key (pure).</summary>
    public static McpProtocolException Refusal(string? tool, IReadOnlyCollection<string> held)
    {
        ArgumentNullException.ThrowIfNull(held);
        return tool is not null && ToolCatalog.Capabilities.TryGetValue(tool, out var needed)
            ? new McpProtocolException(
                $"The tool '{tool}' needs the API key capability '{needed}'; this key holds: {(held.Count == 0 ? "none" : string.Join(", ", held))}.",
                McpErrorCode.InvalidRequest)
            : new McpProtocolException($"Unknown tool: '{tool}'.", McpErrorCode.InvalidParams);
    }
}
