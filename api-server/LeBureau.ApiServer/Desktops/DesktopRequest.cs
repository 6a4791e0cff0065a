using LeBureau.ApiServer.Activity;
using LeBureau.ApiServer.Agent;
using LeBureau.ApiServer.Auth;

namespace LeBureau.ApiServer.Desktops;

/// <summary>What a desktop route handler needs, bound with <c>[AsParameters]</c>.</summary>
internal sealed record DesktopRequest(
    HttpContext Http, DesktopLookup Lookup, DesktopWriter Writer, AgentClient Agent, ActivityRecorder Activity, TimeProvider Clock,
    CancellationToken Cancellation)
{
    public Caller Caller => Http.Caller();

    public DesktopLookupResult Find(string id) => Lookup.Find(Caller, id);
}
