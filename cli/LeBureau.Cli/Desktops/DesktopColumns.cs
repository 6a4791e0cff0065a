using LeBureau.Cli.Output;
using LeBureau.Client;

namespace LeBureau.Cli.Desktops;

/// <summary>The table of <c>desktops list</c> and friends: what <c>kubectl get desktops</c> shows, by API id.</summary>
public static class DesktopColumns
{
    public static List<TableColumn<DesktopInfo>> For(DateTimeOffset now) =>
    [
        new("id", d => d.Id),
        new("name", d => d.Name),
        new("tier", d => d.Tier),
        new("status", d => d.Status),
        new("agent", d => d.AgentReady ? "ready" : "-"),
        new("ip", d => d.IpAddress),
        new("age", d => Age.Format(d.CreatedAt, now)),
    ];
}
