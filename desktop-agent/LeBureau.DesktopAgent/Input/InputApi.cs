using LeBureau.DesktopAgent.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeBureau.DesktopAgent.Input;

/// <summary>Mouse and keyboard: /input/*.</summary>
internal static class InputApi
{
    public static IEndpointRouteBuilder MapInputApi(this IEndpointRouteBuilder app)
    {
        var input = app.MapGroup("/input");
        input.MapPost("/move", Move);
        input.MapPost("/click", Click);
        input.MapPost("/drag", Drag);
        input.MapPost("/scroll", Scroll);
        input.MapPost("/type", Type);
        input.MapPost("/key", Key);
        input.MapPost("/wait", Wait);
        input.MapGet("/cursor", Cursor);
        return app;
    }

    private static async Task<Results<Ok<CursorPosition>, ProblemHttpResult>> Move(MoveRequest request, InputService input, CancellationToken cancellationToken) =>
        ApiResults.From(await input.MoveAsync(request, cancellationToken));

    private static async Task<Results<Ok<CursorPosition>, ProblemHttpResult>> Click(ClickRequest request, InputService input, CancellationToken cancellationToken) =>
        ApiResults.From(await input.ClickAsync(request, cancellationToken));

    private static async Task<Results<Ok<CursorPosition>, ProblemHttpResult>> Drag(DragRequest request, InputService input, CancellationToken cancellationToken) =>
        ApiResults.From(await input.DragAsync(request, cancellationToken));

    private static async Task<Results<Ok<CursorPosition>, ProblemHttpResult>> Scroll(ScrollRequest request, InputService input, CancellationToken cancellationToken) =>
        ApiResults.From(await input.ScrollAsync(request, cancellationToken));

    private static async Task<Results<NoContent, ProblemHttpResult>> Type(TypeRequest request, InputService input, CancellationToken cancellationToken) =>
        ApiResults.NoContent(await input.TypeAsync(request, cancellationToken));

    private static async Task<Results<NoContent, ProblemHttpResult>> Key(KeyRequest request, InputService input, CancellationToken cancellationToken) =>
        ApiResults.NoContent(await input.KeyAsync(request, cancellationToken));

    private static async Task<Results<NoContent, ProblemHttpResult>> Wait(WaitRequest request, CancellationToken cancellationToken) =>
        ApiResults.NoContent(await InputService.WaitAsync(request, cancellationToken));

    private static async Task<Ok<CursorPosition>> Cursor(InputService input, bool? scaled, CancellationToken cancellationToken) =>
        TypedResults.Ok(await input.CursorAsync(scaled ?? false, cancellationToken));
}
