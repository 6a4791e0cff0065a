using System.Text.Json;
using LeBureau.ApiServer.Agent;
using LeBureau.ApiServer.Auth;
using LeBureau.ApiServer.Control;
using LeBureau.ApiServer.Desktops;
using LeBureau.ApiServer.Hosting;
using LeBureau.ApiServer.LiveView;
using LeBureau.Resources;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace LeBureau.ApiServer.Cyberdesk;

/// <summary>
/// The Cyberdesk-style surface (seed 002). Errors are <c>{"status":"error","error":"…"}</c>. Stop deletes
/// the desktop (status "terminated"; its disk is gone, and GET answers "terminated" until it is removed, then 404).
/// Acting on a desktop that is not running is a 409. <c>stream_url</c> is a live-view websocket (<see cref="LiveViewApi"/>).
/// </summary>
public static class CyberdeskApi
{
    public static IEndpointRouteBuilder MapCyberdeskApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/desktop").WithTags("Cyberdesk").WithCyberdeskErrors();
        api.MapPost("", Create).RequireCapability(Capability.DesktopManage);
        api.MapGet("/{id}", Get).RequireCapability(Capability.DesktopRead);
        api.MapPost("/{id}/stop", Stop).RequireCapability(Capability.DesktopLifecycle);
        api.MapPost("/{id}/computer-action", ComputerAction).RequireCapability(Capability.DesktopControl);
        api.MapPost("/{id}/bash-action", BashAction).RequireCapability(Capability.DesktopControl);
        return app;
    }

    public const long MinimumTimeoutMs = 1000;
    public const long MaximumTimeoutMs = 30L * 24 * 3600 * 1000;

    internal static async Task<Results<Ok<CyberdeskCreated>, JsonHttpResult<CyberdeskError>>> Create(
        [FromBody(EmptyBodyBehavior = Microsoft.AspNetCore.Mvc.ModelBinding.EmptyBodyBehavior.Allow)] CyberdeskCreateRequest? body,
        [AsParameters] DesktopRequest request, Microsoft.Extensions.Options.IOptions<ApiServerOptions> options)
    {
        var timeout = body?.TimeoutMs is { } ms ? TimeSpan.FromMilliseconds(ms) : options.Value.CyberdeskDefaultTimeout;
        if (body?.TimeoutMs is < MinimumTimeoutMs or > MaximumTimeoutMs)
        {
            return ApiErrors.Cyberdesk(400, $"'timeout_ms' must be between {MinimumTimeoutMs} and {MaximumTimeoutMs}.");
        }
        var spec = new Desktop.DesktopSpec { DisplayName = "cyberdesk", Tier = Tier.Free, Running = true, ExpiresAt = request.Clock.GetUtcNow() + timeout };
        var desktop = await request.Writer.CreateAsync(request.Caller.Namespace, spec, null, request.Cancellation);
        return TypedResults.Ok(new CyberdeskCreated(desktop.Metadata.Uid, DesktopStatusMapping.Cyberdesk(desktop), LiveViewApi.StreamUrl(request.Http, desktop, request.Caller)));
    }

    internal static Results<Ok<CyberdeskDesktop>, JsonHttpResult<CyberdeskError>> Get(string id, [AsParameters] DesktopRequest request)
    {
        var found = request.Find(id);
        if (found.Desktop is not { } desktop) return ApiErrors.Cyberdesk(found.Status, found.Detail);
        var created = desktop.Metadata.CreationTimestamp is { } c ? new DateTimeOffset(DateTime.SpecifyKind(c, DateTimeKind.Utc)) : (DateTimeOffset?)null;
        var streamUrl = LiveViewApi.StreamUrl(request.Http, desktop, request.Caller);
        return TypedResults.Ok(new CyberdeskDesktop(desktop.Metadata.Uid, DesktopStatusMapping.Cyberdesk(desktop), streamUrl, created, desktop.Spec.ExpiresAt));
    }

    internal static async Task<Results<Ok<CyberdeskStopped>, JsonHttpResult<CyberdeskError>>> Stop(string id, [AsParameters] DesktopRequest request)
    {
        var found = request.Find(id);
        if (found.Desktop is not { } desktop) return ApiErrors.Cyberdesk(found.Status, found.Detail);
        if (desktop.Metadata.DeletionTimestamp is not null) return ApiErrors.Cyberdesk(409, "The desktop is already terminated.");
        await request.Writer.DeleteAsync(desktop, request.Cancellation);
        return TypedResults.Ok(new CyberdeskStopped("terminated"));
    }

    internal static async Task<Results<Ok<ComputerActionResponse>, JsonHttpResult<CyberdeskError>>> ComputerAction(
        string id, ComputerAction body, [AsParameters] DesktopRequest request)
    {
        var plan = ComputerActionPlan.For(body);
        if (plan.Error is { } invalid) return ApiErrors.Cyberdesk(400, invalid);
        var (reply, error) = await CallAsync(id, request, plan.Method!, plan.Path!, plan.Body);
        if (error is not null) return error;
        return TypedResults.Ok(plan.Answer switch
        {
            ActionAnswer.Screenshot => new ComputerActionResponse(Base64Image: Convert.ToBase64String(reply!.Body)),
            ActionAnswer.Cursor => Cursor(reply!),
            _ => new ComputerActionResponse(),
        });
    }

    internal static async Task<Results<Ok<BashActionResponse>, JsonHttpResult<CyberdeskError>>> BashAction(
        string id, BashActionRequest body, [AsParameters] DesktopRequest request)
    {
        if (string.IsNullOrEmpty(body?.Command)) return ApiErrors.Cyberdesk(400, "'command' is required.");
        var (reply, error) = await CallAsync(id, request, HttpMethod.Post, "bash", AgentCalls.Bash(body.Command));
        if (error is not null) return error;
        var result = AgentClient.Read<ExecResponse>(reply!)!;
        return TypedResults.Ok(new BashActionResponse(string.IsNullOrEmpty(result.Stdout) ? result.Stderr ?? "" : result.Stdout));
    }

    private static ComputerActionResponse Cursor(AgentReply reply)
    {
        var cursor = JsonSerializer.Deserialize<JsonElement>(reply.Body);
        return new ComputerActionResponse(Output: $"X={cursor.GetProperty("x").GetInt32()}\nY={cursor.GetProperty("y").GetInt32()}");
    }

    private static async Task<(AgentReply? Reply, JsonHttpResult<CyberdeskError>? Error)> CallAsync(
        string id, DesktopRequest request, HttpMethod method, string path, object? body)
    {
        var found = request.Find(id);
        if (found.Desktop is not { } desktop) return (null, ApiErrors.Cyberdesk(found.Status, found.Detail));
        if (!DesktopStatusMapping.IsControllable(desktop))
        {
            return (null, ApiErrors.Cyberdesk(409, DesktopStatusMapping.NotActionable(desktop)));
        }
        var reply = await request.Agent.SendAsync(desktop, method, path, body, request.Cancellation);
        if (reply.Error is null) await request.Activity.RecordAsync(desktop, request.Cancellation);
        if (reply.IsSuccess) return (reply, null);
        return (null, reply.Status is >= 400 and < 500
            ? ApiErrors.Cyberdesk(400, AgentClient.Detail(reply))
            : ApiErrors.Cyberdesk(502, $"The desktop agent failed: {AgentClient.Detail(reply)}"));
    }
}
