using System.Text.Json;
using LeBureau.ApiServer.Agent;
using LeBureau.ApiServer.Auth;
using LeBureau.ApiServer.Desktops;
using LeBureau.ApiServer.Hosting;
using LeBureau.Resources;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeBureau.ApiServer.Control;

/// <summary>
/// Routes that drive a desktop through its agent (desktop:control). They answer 503 unless the desktop is
/// running with agentReady, relay the agent's 4xx, answer 502 when the agent fails, and mark the desktop active.
/// </summary>
public static class ControlApi
{
    public static IEndpointRouteBuilder MapControlApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/desktops/{id}").WithTags("Desktops").WithProblemErrors().WithAgentErrors()
            .RequireCapability(Capability.DesktopControl);
        api.MapPost("/exec", Exec);
        api.MapPost("/bash", Bash);
        api.MapGet("/files", ListFiles);
        api.MapPost("/files", WriteFile);
        api.MapGet("/files/content", ReadFile).Produces(StatusCodes.Status200OK, contentType: "application/octet-stream");
        api.MapGet("/screenshot", Screenshot).Produces(StatusCodes.Status200OK, null, "image/png", "image/jpeg");

        var v1 = app.MapGroup("/v1/desktops/{id}").WithTags("Desktops (v1)").WithProblemErrors().WithAgentErrors()
            .RequireCapability(Capability.DesktopControl);
        v1.MapPost("/click", Click);
        v1.MapPost("/drag", Drag);
        v1.MapPost("/scroll", Scroll);
        v1.MapPost("/type", Type);
        v1.MapPost("/key", Key);
        v1.MapPost("/bash", Bash);
        v1.MapPost("/exec", Exec);
        v1.MapGet("/screenshot", Screenshot).Produces(StatusCodes.Status200OK, null, "image/png", "image/jpeg");
        return app;
    }

    internal static Task<Results<Ok<ExecResponse>, ProblemHttpResult>> Exec(string id, ExecBody body, [AsParameters] DesktopRequest request) =>
        string.IsNullOrEmpty(body?.Command)
            ? Task.FromResult<Results<Ok<ExecResponse>, ProblemHttpResult>>(ApiErrors.Problem(400, "'command' is required."))
            : RunAsync(id, request, "exec", AgentCalls.Exec(body.Command));

    internal static Task<Results<Ok<ExecResponse>, ProblemHttpResult>> Bash(string id, BashBody body, [AsParameters] DesktopRequest request) =>
        string.IsNullOrEmpty(body?.Script)
            ? Task.FromResult<Results<Ok<ExecResponse>, ProblemHttpResult>>(ApiErrors.Problem(400, "'script' is required."))
            : RunAsync(id, request, "bash", AgentCalls.Bash(body.Script));

    internal static async Task<Results<Ok<JsonElement>, ProblemHttpResult>> ListFiles(string id, string? path, [AsParameters] DesktopRequest request)
    {
        if (string.IsNullOrEmpty(path)) return ApiErrors.Problem(400, "The 'path' query parameter is required.");
        var reply = await CallAsync(id, request, HttpMethod.Get, $"files?path={Uri.EscapeDataString(path)}", null);
        return reply.Error is { } error ? error : TypedResults.Ok(JsonSerializer.Deserialize<JsonElement>(reply.Reply!.Body));
    }

    internal static async Task<Results<Ok<JsonElement>, ProblemHttpResult>> WriteFile(string id, WriteFileBody body, [AsParameters] DesktopRequest request)
    {
        var invalid = body is null ? "A JSON body is required."
            : string.IsNullOrEmpty(body.Path) ? "'path' is required."
            : body.Content is null ? "'content' is required."
            : body.Encoding is not (null or "utf8" or "base64") ? "'encoding' must be utf8 or base64."
            : null;
        if (invalid is not null) return ApiErrors.Problem(400, invalid);
        var reply = await CallAsync(id, request, HttpMethod.Post, "files", AgentCalls.WriteFile(body!.Path!, body.Content!, body.Encoding ?? "utf8"));
        return reply.Error is { } error ? error : TypedResults.Ok(JsonSerializer.Deserialize<JsonElement>(reply.Reply!.Body));
    }

    /// <summary>The file's bytes (the agent reads it whole; the MCP and CLI clients use it for text files and downloads).</summary>
    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ReadFile(string id, string? path, [AsParameters] DesktopRequest request)
    {
        if (string.IsNullOrEmpty(path)) return ApiErrors.Problem(400, "The 'path' query parameter is required.");
        var reply = await CallAsync(id, request, HttpMethod.Get, $"files/content?path={Uri.EscapeDataString(path)}", null);
        return reply.Error is { } error ? error : TypedResults.File(reply.Reply!.Body, "application/octet-stream", Path.GetFileName(path));
    }

    /// <summary>PNG by default; <c>?format=jpeg&amp;quality=1..100</c> for a smaller image (the agent validates both, its 400 is relayed).</summary>
    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Screenshot(string id, string? format, int? quality, [AsParameters] DesktopRequest request)
    {
        if (format is not (null or "png" or "jpeg" or "jpg")) return ApiErrors.Problem(400, $"'format' must be png or jpeg, not '{format}'.");
        if (quality is < 1 or > 100) return ApiErrors.Problem(400, $"'quality' must be in 1..100, not {quality}.");
        var query = format is null or "png" ? "format=png" : $"format=jpeg&quality={quality ?? 80}";
        var reply = await CallAsync(id, request, HttpMethod.Get, $"screenshot?{query}", null);
        return reply.Error is { } error ? error : TypedResults.File(reply.Reply!.Body, reply.Reply.ContentType ?? "image/png");
    }

    internal static Task<Results<Ok<InputResponse>, ProblemHttpResult>> Click(string id, ClickBody body, [AsParameters] DesktopRequest request) =>
        (body?.X is null) != (body?.Y is null) ? Invalid("'x' and 'y' go together.")
        : body?.Clicks is < 1 or > 3 ? Invalid("'clicks' must be 1, 2 or 3.")
        : InputAsync(id, request, "input/click", AgentCalls.Click(body?.X, body?.Y, AgentCalls.Name(body?.Button ?? MouseButtonName.Left), body?.Clicks ?? 1));

    internal static Task<Results<Ok<InputResponse>, ProblemHttpResult>> Drag(string id, DragBody body, [AsParameters] DesktopRequest request) =>
        body?.Start is null ? Invalid("'start' is required.")
        : body.End is null ? Invalid("'end' is required.")
        : InputAsync(id, request, "input/drag", AgentCalls.Drag(body.Start, body.End));

    internal static Task<Results<Ok<InputResponse>, ProblemHttpResult>> Scroll(string id, ScrollBody body, [AsParameters] DesktopRequest request) =>
        body?.Direction is null ? Invalid("'direction' is required (up, down, left, right).")
        : body.Amount is not { } amount || amount < 1 ? Invalid("'amount' must be a positive number of wheel clicks.")
        : (body.X is null) != (body.Y is null) ? Invalid("'x' and 'y' go together.")
        : InputAsync(id, request, "input/scroll", AgentCalls.Scroll(AgentCalls.Name(body.Direction.Value), amount, body.X, body.Y));

    internal static Task<Results<Ok<InputResponse>, ProblemHttpResult>> Type(string id, TypeBody body, [AsParameters] DesktopRequest request) =>
        body?.Text is null ? Invalid("'text' is required.") : InputAsync(id, request, "input/type", AgentCalls.Type(body.Text));

    internal static Task<Results<Ok<InputResponse>, ProblemHttpResult>> Key(string id, KeyBody body, [AsParameters] DesktopRequest request) =>
        string.IsNullOrWhiteSpace(body?.Keys) ? Invalid("'keys' is required (e.g. ctrl+c, Return).") : InputAsync(id, request, "input/key", AgentCalls.Key(body.Keys));

    private static Task<Results<Ok<InputResponse>, ProblemHttpResult>> Invalid(string detail) =>
        Task.FromResult<Results<Ok<InputResponse>, ProblemHttpResult>>(ApiErrors.Problem(400, detail));

    private static async Task<Results<Ok<InputResponse>, ProblemHttpResult>> InputAsync(string id, DesktopRequest request, string path, object body)
    {
        var reply = await CallAsync(id, request, HttpMethod.Post, path, body);
        if (reply.Error is { } error) return error;
        if (reply.Reply!.Body.Length == 0) return TypedResults.Ok(new InputResponse(true));
        var cursor = JsonSerializer.Deserialize<JsonElement>(reply.Reply.Body);
        return TypedResults.Ok(new InputResponse(true, cursor.GetProperty("x").GetInt32(), cursor.GetProperty("y").GetInt32()));
    }

    private static async Task<Results<Ok<ExecResponse>, ProblemHttpResult>> RunAsync(string id, DesktopRequest request, string path, object body)
    {
        var reply = await CallAsync(id, request, HttpMethod.Post, path, body);
        if (reply.Error is { } error) return error;
        var result = AgentClient.Read<ExecResponse>(reply.Reply!)!;
        return TypedResults.Ok(new ExecResponse(result.Stdout ?? "", result.Stderr ?? "", result.ExitCode));
    }

    /// <summary>Finds the caller's desktop, checks it is controllable, calls the agent, records activity.</summary>
    internal static async Task<ControlCall> CallAsync(string id, DesktopRequest request, HttpMethod method, string path, object? body)
    {
        var found = request.Find(id);
        if (found.Desktop is not { } desktop) return new ControlCall(null, DesktopsApi.Failure(found));
        if (!DesktopStatusMapping.IsControllable(desktop)) return new ControlCall(null, DesktopsApi.NotReady(desktop));
        var reply = await request.Agent.SendAsync(desktop, method, path, body, request.Cancellation);
        if (reply.Error is null) await request.Activity.RecordAsync(desktop, request.Cancellation);
        return reply.IsSuccess ? new ControlCall(reply, null) : new ControlCall(null, DesktopsApi.AgentFailure(reply));
    }

    internal sealed record ControlCall(AgentReply? Reply, ProblemHttpResult? Error);
}
