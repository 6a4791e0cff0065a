using LeBureau.ApiServer.Auth;
using LeBureau.ApiServer.Desktops;
using LeBureau.ApiServer.Hosting;
using LeBureau.Resources;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeBureau.ApiServer.Control;

/// <summary>
/// Chat routes (desktop:chat). The on-desktop chat agent is a later issue: until it lands they answer 503 with
/// a ProblemDetails saying so (after authentication, capability and tenancy checks, so their codes are final).
/// </summary>
public static class ChatApi
{
    public const string NotAvailable = "chat is not available yet";

    public static IEndpointRouteBuilder MapChatApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/desktops/{id}").WithTags("Chat").WithProblemErrors().WithAgentErrors()
            .RequireCapability(Capability.DesktopChat);
        api.MapPost("/chat", Chat);
        api.MapPost("/chat/stream", Chat);
        api.MapGet("/chat/messages", Messages);

        var v1 = app.MapGroup("/v1/desktops/{id}").WithTags("Chat").WithProblemErrors().WithAgentErrors()
            .RequireCapability(Capability.DesktopChat);
        v1.MapPost("/chat", Chat);
        return app;
    }

    internal static ProblemHttpResult Chat(string id, ChatBody? body, [AsParameters] DesktopRequest request) => Unavailable(id, request);

    internal static ProblemHttpResult Messages(string id, [AsParameters] DesktopRequest request) => Unavailable(id, request);

    private static ProblemHttpResult Unavailable(string id, DesktopRequest request)
    {
        var found = request.Find(id);
        return found.Desktop is null ? DesktopsApi.Failure(found) : ApiErrors.Problem(StatusCodes.Status503ServiceUnavailable, NotAvailable);
    }
}

/// <summary>Body of <c>chat</c>: a message to the on-desktop agent.</summary>
public sealed record ChatBody(string? Message);
