using LeBureau.DesktopAgent.Chat.History;
using LeBureau.DesktopAgent.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace LeBureau.DesktopAgent.Chat;

/// <summary>
/// The chat agent's routes. <c>POST /chat</c> starts a turn and streams its events (<see cref="ChatEvent"/>) as SSE
/// until the final <c>done</c> or <c>error</c>; the client going away does not stop the turn. <c>GET /chat/stream</c>
/// follows the running turn from its start (204 when none runs). <c>GET /chat/messages</c> is the history.
/// 400 bad message; 409 a turn is running (its messageId in the detail) or chat is not configured on this desktop (no provider or key).
/// </summary>
internal static class ChatApi
{
    public static IEndpointRouteBuilder MapChatApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/chat", Chat);
        app.MapGet("/chat/stream", Follow);
        app.MapGet("/chat/messages", Messages);
        return app;
    }

    private static async Task<IResult> Chat(ChatRequest? request, ChatSession session, IOptions<ChatOptions> options, HttpContext context)
    {
        var invalid = request?.Message is not { } message ? "'message' is required."
            : string.IsNullOrWhiteSpace(message) ? "'message' must not be empty."
            : message.Length > options.Value.MaxMessageLength ? $"'message' is {message.Length} characters long; at most {options.Value.MaxMessageLength} are accepted."
            : null;
        if (invalid is not null) return ApiResults.Problem(invalid);
        if (session.Settings is null) return ApiResults.Problem(session.Unavailable!, StatusCodes.Status409Conflict);
        if (session.TryStart(request!.Message!, out var busy) is not { } run)
        {
            return ApiResults.Problem($"the agent is still answering message {busy!.MessageId}; send the next message when it is done (follow it on chat/stream)", StatusCodes.Status409Conflict);
        }
        await StreamAsync(context, run);
        return Results.Empty;
    }

    private static async Task<IResult> Follow(ChatSession session, HttpContext context)
    {
        if (session.Current is not { } run) return TypedResults.NoContent();
        await StreamAsync(context, run);
        return Results.Empty;
    }

    private static Ok<IReadOnlyList<ChatMessageRecord>> Messages(ChatSession session) =>
        TypedResults.Ok(session.History?.Messages ?? []);

    private static async Task StreamAsync(HttpContext context, ChatRun run)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        var sequence = 0;
        try
        {
            await foreach (var e in run.ReadAllAsync(context.RequestAborted))
            {
                await response.Body.WriteAsync(e.Frame(++sequence), context.RequestAborted);
                await response.Body.FlushAsync(context.RequestAborted);
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; the turn goes on.
        }
    }
}
