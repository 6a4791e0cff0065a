using System.Text.Json;
using LeBureau.ApiServer.Agent;
using LeBureau.ApiServer.Auth;
using LeBureau.ApiServer.Hosting;
using LeBureau.Resources;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeBureau.ApiServer.Desktops;

/// <summary>Desktop management: <c>/api/desktops</c> (seed 000) and the read routes of <c>/v1/desktops</c> (seed 001).</summary>
public static class DesktopsApi
{
    public static IEndpointRouteBuilder MapDesktopsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/desktops").WithTags("Desktops").WithProblemErrors();
        api.MapGet("", List).RequireCapability(Capability.DesktopRead);
        api.MapPost("", Create).RequireCapability(Capability.DesktopManage);
        api.MapGet("/{id}", Get).RequireCapability(Capability.DesktopRead);
        api.MapPatch("/{id}", Update).RequireCapability(Capability.DesktopManage);
        api.MapDelete("/{id}", Delete).RequireCapability(Capability.DesktopManage);
        api.MapGet("/{id}/metrics", Metrics).RequireCapability(Capability.DesktopRead);

        var v1 = app.MapGroup("/v1/desktops").WithTags("Desktops (v1)").WithProblemErrors();
        v1.MapGet("", List).RequireCapability(Capability.DesktopRead);
        v1.MapGet("/{id}", Get).RequireCapability(Capability.DesktopRead);
        return app;
    }

    internal static Ok<List<DesktopDto>> List([AsParameters] DesktopRequest request) =>
        TypedResults.Ok(request.Lookup.List(request.Caller).Select(d => DesktopStatusMapping.ToDto(d)).ToList());

    internal static async Task<Results<Created<DesktopDto>, ProblemHttpResult>> Create(CreateDesktopRequest body, [AsParameters] DesktopRequest request)
    {
        if (body is null) return ApiErrors.Problem(400, "A JSON body is required.");
        if (body.Validate() is { } error) return ApiErrors.Problem(400, error);
        var spec = new Desktop.DesktopSpec { DisplayName = body.Name!.Trim(), Tier = body.Tier!.Value, Running = true };
        var desktop = await request.Writer.CreateAsync(request.Caller.Namespace, spec, body.ProviderConfig, request.Cancellation);
        return TypedResults.Created($"/api/desktops/{desktop.Metadata.Uid}", DesktopStatusMapping.ToDto(desktop));
    }

    internal static async Task<Results<Ok<DesktopDto>, ProblemHttpResult>> Get(string id, [AsParameters] DesktopRequest request)
    {
        var found = request.Find(id);
        if (found.Desktop is not { } desktop) return Failure(found);
        MetricsDto? metrics = null;
        if (DesktopStatusMapping.IsControllable(desktop))
        {
            var reply = await request.Agent.SendAsync(desktop, HttpMethod.Get, "metrics", null, request.Cancellation);
            if (reply.IsSuccess) metrics = AgentClient.Read<MetricsDto>(reply);
        }
        return TypedResults.Ok(DesktopStatusMapping.ToDto(desktop, metrics));
    }

    internal static async Task<Results<Ok<DesktopDto>, ProblemHttpResult>> Update(string id, UpdateDesktopRequest body, [AsParameters] DesktopRequest request)
    {
        var found = request.Find(id);
        if (found.Desktop is not { } desktop) return Failure(found);
        if (body is null) return ApiErrors.Problem(400, "A JSON body is required.");
        if (body.Validate() is { } error) return ApiErrors.Problem(400, error);
        var spec = new Dictionary<string, object>();
        if (body.Name is { } name) spec["displayName"] = name.Trim();
        if (body.KeepAlive is { } keepAlive) spec["keepAlive"] = keepAlive;
        var patched = await request.Writer.PatchSpecAsync(desktop, spec, request.Cancellation);
        return TypedResults.Ok(DesktopStatusMapping.ToDto(patched));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> Delete(string id, [AsParameters] DesktopRequest request)
    {
        var found = request.Find(id);
        if (found.Desktop is not { } desktop) return Failure(found);
        await request.Writer.DeleteAsync(desktop, request.Cancellation);
        return TypedResults.NoContent();
    }

    internal static async Task<Results<Ok<MetricsDto>, ProblemHttpResult>> Metrics(string id, [AsParameters] DesktopRequest request)
    {
        var found = request.Find(id);
        if (found.Desktop is not { } desktop) return Failure(found);
        if (!DesktopStatusMapping.IsControllable(desktop)) return NotReady(desktop);
        var reply = await request.Agent.SendAsync(desktop, HttpMethod.Get, "metrics", null, request.Cancellation);
        return reply.IsSuccess ? TypedResults.Ok(AgentClient.Read<MetricsDto>(reply)!) : AgentFailure(reply);
    }

    internal static ProblemHttpResult Failure(DesktopLookupResult found) => ApiErrors.Problem(found.Status, found.Detail);

    internal static ProblemHttpResult NotReady(Desktop desktop) =>
        ApiErrors.Problem(StatusCodes.Status503ServiceUnavailable,
            $"Agent not ready: the desktop is {DesktopStatusMapping.LeBureau(desktop)} and agentReady is {(desktop.Status?.AgentReady ?? false).ToString().ToLowerInvariant()}; control needs a running desktop whose agent is ready.");

    /// <summary>An agent failure: its 4xx relayed with its detail; unreachable or 5xx → 502.</summary>
    internal static ProblemHttpResult AgentFailure(AgentReply reply) =>
        reply.Status is >= 400 and < 500
            ? ApiErrors.Problem(reply.Status, AgentClient.Detail(reply))
            : ApiErrors.Problem(StatusCodes.Status502BadGateway, $"The desktop agent failed: {AgentClient.Detail(reply)}");

    internal static JsonElement? ParseJson(AgentReply reply) =>
        reply.Body.Length == 0 ? null : JsonSerializer.Deserialize<JsonElement>(reply.Body);
}
