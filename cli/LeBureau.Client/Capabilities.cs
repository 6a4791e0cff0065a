namespace LeBureau.Client;

/// <summary>The capability names an API key can hold (the wire names of <c>/v1/me</c> and of 403 bodies).</summary>
public static class Capabilities
{
    /// <summary>List and get desktops, their metrics and the desktop stream.</summary>
    public const string DesktopRead = "desktop:read";

    /// <summary>Create, update and delete desktops.</summary>
    public const string DesktopManage = "desktop:manage";

    /// <summary>Start, stop and restart desktops.</summary>
    public const string DesktopLifecycle = "desktop:lifecycle";

    /// <summary>Input, screenshots, exec/bash and files.</summary>
    public const string DesktopControl = "desktop:control";

    /// <summary>Talk to a desktop's AI agent.</summary>
    public const string DesktopChat = "desktop:chat";

    /// <summary>Read mission-control tasks, approvals and the activity stream.</summary>
    public const string TasksRead = "tasks:read";

    /// <summary>Create, run, review and cancel mission-control tasks.</summary>
    public const string TasksWrite = "tasks:write";

    /// <summary>All of them, in the order the API lists them.</summary>
    public static IReadOnlyList<string> All { get; } =
        [DesktopRead, DesktopManage, DesktopLifecycle, DesktopControl, DesktopChat, TasksRead, TasksWrite];
}
