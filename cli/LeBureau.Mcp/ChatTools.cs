using System.ComponentModel;
using LeBureau.Client;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace LeBureau.Mcp;

/// <summary>The desktop's own AI agent.</summary>
public sealed class ChatTools(LeBureauClient client)
{
    [McpServerTool(Name = "desktop_chat", Title = "Ask the desktop's agent", ReadOnly = false, Idempotent = false, Destructive = true, OpenWorld = true)]
    [Description("Give a task or a question to the AI agent that lives on the desktop: it sees the screen and uses mouse, keyboard and shell by itself until it answers. Can take minutes; progress notifications report its steps. Returns its final answer. One message at a time per desktop.")]
    [ToolCapability(Capabilities.DesktopChat)]
    public async Task<string> ChatAsync(
        [Description("The desktop id; it must be running with agentReady true.")] string desktopId,
        [Description("Your message to the agent, 1 to 32000 characters.")] string message,
        RequestContext<CallToolRequestParams> request,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var token = request.Params?.ProgressToken;
        var steps = 0;
        await foreach (var e in client.ChatStreamAsync(desktopId, message, cancellationToken))
        {
            if (e.Type == "done") return e.Text("response") ?? "";
            if (e.Type == "error") throw new McpException($"The desktop's agent failed: {e.Text("message") ?? "unknown error"}");
            // Sent and awaited one by one (not IProgress, which fires and forgets): the client sees the steps in order.
            if (token is { } progressToken && ChatProgress.Describe(e) is { } step)
            {
                await request.Server.NotifyProgressAsync(progressToken, new ProgressNotificationValue { Progress = ++steps, Message = step },
                    cancellationToken: cancellationToken);
            }
        }
        throw new McpException("The desktop's agent stopped answering before it finished.");
    }
}
