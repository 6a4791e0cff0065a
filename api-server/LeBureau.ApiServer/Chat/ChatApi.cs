using System.Text.Json;
using LeBureau.AgentContract;
using LeBureau.ApiServer.Auth;
using LeBureau.ApiServer.Desktops;
using LeBureau.ApiServer.Hosting;
using LeBureau.Events;
using LeBureau.Resources;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace LeBureau.ApiServer.Chat;

/// <summary>
/// Chat routes (desktop:chat), relayed to the chat agent inside the desktop, which holds the provider key.
/// <c>chat</c> waits for the answer (<c>{response, messageId}</c>); <c>chat/stream</c> streams the turn's events as
/// SSE (<c>start</c>, <c>text</c> deltas, <c>tool_start</c>/<c>tool_finish</c>, then <c>done</c> with the messageId
/// and response, or <c>error</c>); <c>chat/messages</c> is the history. A malformed body is 400 before anything else
/// is looked at; then 403/404 as for every desktop route; 503 unless running with agentReady; 409 while an earlier
/// message is being answered. A failed turn answers its error's status (502 provider refused or failed, 429 rate
/// limited with Retry-After, 504 timeout) with a <c>code</c>. Leaving does not cancel a turn.
/// </summary>
public static class ChatApi
{
    /// <summary>The longest message accepted (characters); the agent enforces its own limit too.</summary>
    public const int MaxMessageLength = 32_000;

    public static IEndpointRouteBuilder MapChatApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/desktops/{id}").WithTags("Chat").WithProblemErrors().WithAgentErrors()
            .RequireCapability(Capability.DesktopChat);
        api.MapPost("/chat", Chat).Accepts<ChatBody>("application/json")
            .WithSummary("Send a message to the desktop's AI agent and wait for its answer");
        api.MapPost("/chat/stream", Stream).Accepts<ChatBody>("application/json").Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .WithSummary("Send a message and stream the answer (SSE: start, text, tool_start, tool_finish, then done or error)");
        api.MapGet("/chat/messages", Messages).WithSummary("The desktop's conversation: every message with its tool steps");

        var v1 = app.MapGroup("/v1/desktops/{id}").WithTags("Chat").WithProblemErrors().WithAgentErrors()
            .RequireCapability(Capability.DesktopChat);
        v1.MapPost("/chat", Chat).Accepts<ChatBody>("application/json")
            .WithSummary("Send a message to the desktop's AI agent and wait for its answer");
        return app;
    }

    internal static async Task<Results<Ok<ChatResponse>, ProblemHttpResult>> Chat(string id, HttpContext http, [AsParameters] DesktopRequest request, ChatRelayServices chat)
    {
        var (relay, error) = await StartAsync(id, http, request, chat);
        if (relay is null) return error!;
        var final = await relay.Final.WaitAsync(http.RequestAborted);
        if (final.Type == ChatEventTypes.Done)
        {
            return TypedResults.Ok(new ChatResponse(final.Payload["response"]?.GetValue<string>() ?? "", final.MessageId ?? ""));
        }
        return Failed(http, final);
    }

    internal static async Task<IResult> Stream(string id, HttpContext http, [AsParameters] DesktopRequest request, ChatRelayServices chat)
    {
        var (relay, error) = await StartAsync(id, http, request, chat);
        if (relay is null) return error!;
        using var done = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, chat.Lifetime.ApplicationStopping);
        await ServerSentEvents.WriteAsync(http.Response, relay.Events, f => f.Frame, null, chat.StreamOptions.Value.KeepAlive, done.Token);
        return Results.Empty;
    }

    internal static async Task<Results<Ok<JsonElement>, ProblemHttpResult>> Messages(string id, [AsParameters] DesktopRequest request)
    {
        var found = request.Find(id);
        if (found.Desktop is not { } desktop) return DesktopsApi.Failure(found);
        if (!DesktopStatusMapping.IsControllable(desktop)) return DesktopsApi.NotReady(desktop);
        var reply = await request.Agent.SendAsync(desktop, HttpMethod.Get, "chat/messages", null, request.Cancellation);
        return reply.IsSuccess ? TypedResults.Ok(JsonSerializer.Deserialize<JsonElement>(reply.Body)) : DesktopsApi.AgentFailure(reply);
    }

    private static async Task<(ChatTurnRelay? Relay, ProblemHttpResult? Error)> StartAsync(string id, HttpContext http, DesktopRequest request, ChatRelayServices chat)
    {
        var (message, invalid) = await ReadMessageAsync(http);
        if (invalid is not null) return (null, ApiErrors.Problem(StatusCodes.Status400BadRequest, invalid));
        var found = request.Find(id);
        if (found.Desktop is not { } desktop) return (null, DesktopsApi.Failure(found));
        if (!DesktopStatusMapping.IsControllable(desktop)) return (null, DesktopsApi.NotReady(desktop));
        var (stream, failure) = await request.Agent.OpenStreamAsync(desktop, "chat", new { message }, http.RequestAborted);
        if (stream is null) return (null, DesktopsApi.AgentFailure(failure!));
        var relay = ChatTurnRelay.Start(stream, desktop, request.Activity, chat.Events, chat.Logger, chat.Lifetime.ApplicationStopping);
        return (relay, null);
    }

    // Read by hand rather than bound, so that every malformed body gets the same clear 400 before tenancy checks.
    private static async Task<(string? Message, string? Invalid)> ReadMessageAsync(HttpContext http)
    {
        if (http.Request.ContentLength is 0 || !http.Request.HasJsonContentType()) return (null, "A JSON body {\"message\": \"…\"} is required.");
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
        }
        catch (JsonException e)
        {
            return (null, $"The body is not valid JSON: {e.Message}");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object) return (null, "The body must be a JSON object {\"message\": \"…\"}.");
            if (!document.RootElement.TryGetProperty("message", out var message) || message.ValueKind == JsonValueKind.Null) return (null, "'message' is required.");
            if (message.ValueKind != JsonValueKind.String) return (null, $"'message' must be a string, not {message.ValueKind.ToString().ToLowerInvariant()}.");
            var text = message.GetString()!;
            if (string.IsNullOrWhiteSpace(text)) return (null, "'message' must not be empty.");
            if (text.Length > MaxMessageLength) return (null, $"'message' is {text.Length} characters long; at most {MaxMessageLength} are accepted.");
            return (text, null);
        }
    }

    private static ProblemHttpResult Failed(HttpContext http, ChatFrame final)
    {
        var status = final.Payload["status"]?.GetValue<int>() is int s and >= 400 and < 600 ? s : StatusCodes.Status502BadGateway;
        if (final.Payload["retryAfterSeconds"]?.GetValue<int>() is int wait) http.Response.Headers.RetryAfter = wait.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return ApiErrors.Problem(status, final.Payload["message"]?.GetValue<string>() ?? "the chat turn failed", new Dictionary<string, object?>
        {
            ["code"] = final.Payload["code"]?.GetValue<string>(),
            ["messageId"] = final.MessageId,
        });
    }
}

/// <summary>The answer of <c>chat</c> (seed 000): the agent's response and the id of its message in the history.</summary>
public sealed record ChatResponse(string Response, string MessageId);
