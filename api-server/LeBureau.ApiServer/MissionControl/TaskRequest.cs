using LeBureau.ApiServer.Auth;
using LeBureau.ApiServer.Desktops;

namespace LeBureau.ApiServer.MissionControl;

/// <summary>What a mission-control route handler needs, bound with <c>[AsParameters]</c>.</summary>
internal sealed record TaskRequest(HttpContext Http, TaskLookup Tasks, DesktopLookup Desktops, TaskWriter Writer, CancellationToken Cancellation)
{
    public Caller Caller => Http.Caller();

    public TaskLookupResult Find(string id) => Tasks.Find(Caller, id);
}
