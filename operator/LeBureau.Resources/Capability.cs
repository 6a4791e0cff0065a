using System.Text.Json.Serialization;

namespace LeBureau.Resources;

/// <summary>What an API key may do inside its namespace (its tenant).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Capability>))]
public enum Capability
{
    /// <summary>List and get desktops, their metrics and status streams.</summary>
    [JsonStringEnumMemberName("desktop:read")] DesktopRead,

    /// <summary>Create, update and delete desktops.</summary>
    [JsonStringEnumMemberName("desktop:manage")] DesktopManage,

    /// <summary>Start, stop and restart desktops.</summary>
    [JsonStringEnumMemberName("desktop:lifecycle")] DesktopLifecycle,

    /// <summary>Drive a desktop: input, screenshots, exec, bash and files.</summary>
    [JsonStringEnumMemberName("desktop:control")] DesktopControl,

    /// <summary>Talk to a desktop's chat agent.</summary>
    [JsonStringEnumMemberName("desktop:chat")] DesktopChat,

    /// <summary>List and get mission-control tasks, approvals and the activity stream.</summary>
    [JsonStringEnumMemberName("tasks:read")] TasksRead,

    /// <summary>Create, run and review mission-control tasks.</summary>
    [JsonStringEnumMemberName("tasks:write")] TasksWrite,
}
