using System.ComponentModel;
using LeBureau.Client;
using ModelContextProtocol.Server;

namespace LeBureau.Mcp;

/// <summary>Desktop management and lifecycle tools.</summary>
public sealed class DesktopTools(LeBureauClient client)
{
    [McpServerTool(Name = "desktops_list", Title = "List desktops", ReadOnly = true, Idempotent = true, Destructive = false, OpenWorld = false)]
    [Description("List your Le Bureau desktops (Linux desktops with a screen, mouse, keyboard and shell) with id, name, status, tier and agentReady. Use an id from here in every other desktop tool. A desktop can be controlled only when status is running and agentReady is true.")]
    [ToolCapability(Capabilities.DesktopRead)]
    public Task<IReadOnlyList<DesktopInfo>> ListAsync(CancellationToken cancellationToken) => client.ListDesktopsAsync(cancellationToken);

    [McpServerTool(Name = "desktops_get", Title = "Get a desktop", ReadOnly = true, Idempotent = true, Destructive = false, OpenWorld = false)]
    [Description("Get one desktop: status (pending, booting, running, stopping, stopped, error), agentReady, IP and, when running, CPU/RAM/disk metrics. Poll it after desktops_start until agentReady is true.")]
    [ToolCapability(Capabilities.DesktopRead)]
    public Task<DesktopInfo> GetAsync([Description("The desktop id (a UUID from desktops_list).")] string desktopId, CancellationToken cancellationToken) =>
        client.GetDesktopAsync(desktopId, cancellationToken);

    [McpServerTool(Name = "desktops_create", Title = "Create a desktop", ReadOnly = false, Idempotent = false, Destructive = false, OpenWorld = false)]
    [Description("Create a new desktop; it boots at once (poll desktops_get until agentReady is true). Its on-desktop AI agent uses your own provider key, which is stored in a Secret and never shown again.")]
    [ToolCapability(Capabilities.DesktopManage)]
    public Task<DesktopInfo> CreateAsync(
        [Description("Display name, 1 to 128 characters.")] string name,
        [Description("Size: free (2 vCPU, 4 GiB), pro (4 vCPU, 8 GiB) or max (4 vCPU, 16 GiB).")] DesktopTier tier,
        [Description("The AI provider of the desktop's chat agent: anthropic, openai or openrouter.")] ProviderName provider,
        [Description("The provider API key for the desktop's chat agent.")] string providerApiKey,
        [Description("Model override for the chat agent (optional).")] string? model = null,
        CancellationToken cancellationToken = default) =>
        client.CreateDesktopAsync(new NewDesktop(name, Wire.Name(tier), new ProviderConfig(Wire.Name(provider), providerApiKey, model)), cancellationToken);

    [McpServerTool(Name = "desktops_delete", Title = "Delete a desktop", ReadOnly = false, Idempotent = true, Destructive = true, OpenWorld = false)]
    [Description("Delete a desktop and its disk, for good. Use desktops_stop instead to keep its files.")]
    [ToolCapability(Capabilities.DesktopManage)]
    public async Task<string> DeleteAsync([Description("The desktop id.")] string desktopId, CancellationToken cancellationToken)
    {
        await client.DeleteDesktopAsync(desktopId, cancellationToken);
        return $"Desktop {desktopId} is being deleted.";
    }

    [McpServerTool(Name = "desktops_start", Title = "Start a desktop", ReadOnly = false, Idempotent = false, Destructive = false, OpenWorld = false)]
    [Description("Boot a stopped desktop. Returns once the boot is queued; poll desktops_get until agentReady is true before controlling it. Fails if the desktop is not stopped.")]
    [ToolCapability(Capabilities.DesktopLifecycle)]
    public Task<DesktopInfo> StartAsync([Description("The desktop id.")] string desktopId, CancellationToken cancellationToken) =>
        client.StartDesktopAsync(desktopId, cancellationToken);

    [McpServerTool(Name = "desktops_stop", Title = "Stop a desktop", ReadOnly = false, Idempotent = false, Destructive = true, OpenWorld = false)]
    [Description("Shut a desktop down; its disk (files, history) is kept and desktops_start boots it again. Running programs and unsaved work are lost.")]
    [ToolCapability(Capabilities.DesktopLifecycle)]
    public Task<DesktopInfo> StopAsync([Description("The desktop id.")] string desktopId, CancellationToken cancellationToken) =>
        client.StopDesktopAsync(desktopId, cancellationToken);

    [McpServerTool(Name = "desktops_restart", Title = "Restart a desktop", ReadOnly = false, Idempotent = false, Destructive = true, OpenWorld = false)]
    [Description("Stop then start a desktop (running programs are closed; the disk is kept). Poll desktops_get until agentReady is true again.")]
    [ToolCapability(Capabilities.DesktopLifecycle)]
    public Task<DesktopInfo> RestartAsync([Description("The desktop id.")] string desktopId, CancellationToken cancellationToken) =>
        client.RestartDesktopAsync(desktopId, cancellationToken);
}
